package io.floe.localsnowflake;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/local-snowflake [--port N] [--data-dir DIR] [--account NAME] [--local-fs]
 * [--clock-start INSTANT]}: runs a local Snowflake until stopped. The first line on stdout, once it
 * accepts connections, is {@code READY <jdbc-url> account=<ACCOUNT> user=<USER>
 * password=<PASSWORD>}; logs go to stderr.
 */
public final class LocalSnowflakeMain {
  private LocalSnowflakeMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalSnowflake.Builder builder = LocalSnowflake.builder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
        case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i, "--data-dir")));
        case "--account" -> builder.account(value(args, ++i, "--account"));
        case "--local-fs" -> builder.localFs(true);
        case "--clock-start" ->
            builder.startClockAt(Instant.parse(value(args, ++i, "--clock-start")));
        case "-h", "--help" -> {
          System.out.println(
              "usage: bin/local-snowflake [--port N] [--data-dir DIR] [--account NAME]"
                  + " [--local-fs] [--clock-start 2030-01-01T00:00:00Z]");
          return;
        }
        default -> {
          System.err.println("unknown option: " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    LocalSnowflake server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println(
        "READY "
            + server.jdbcUrl()
            + " account="
            + server.account()
            + " user="
            + server.user()
            + " password="
            + server.password());
    System.out.flush();
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
