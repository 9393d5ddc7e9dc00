package io.floe.localsnowflake.bench;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.RsaKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.utils.StagedFileWrapper;

/**
 * How fast the local Snowflake loads staged gzip NDJSON of Floe's shape into the connector's table
 * (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) with the connector's COPY, through the real
 * drivers: files are PUT with snowflake-jdbc, loaded by COPY INTO and by Snowpipe (insertFiles via
 * SimpleIngestManager, timed until the loads are recorded), in cloud-storage mode and LOCAL_FS.
 * Each mode starts with a warm-up round of the same scenarios, reported apart: its first file is
 * the cold start (JIT, first appender), and the JIT and GC of code still compiling would otherwise
 * be charged to the steady state of whichever mode runs first. Not a test: run {@code
 * bin/bench-local-snowflake} (see docs/local-snowflake.md, "Speed").
 *
 * <p>Options: {@code --files N} (per scenario, default 8), {@code --rows N} (per file, default
 * 10000), {@code --pipes N} (pipes loading at once in the parallel scenario, default 2), {@code
 * --mode cloud|local-fs|both} (default both), {@code --warmup N} (files per scenario of the warm-up
 * round, default the same as {@code --files}; 0 skips it), {@code --shape variant|columns} (default
 * variant: the two-VARIANT table; columns: a schematized table of eight columns loaded with {@code
 * MATCH_BY_COLUMN_NAME = CASE_SENSITIVE}).
 */
public final class LoadBenchmark {
  private static final String VARIANT_COLUMNS = "(RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)";

  private final int files;
  private final int rows;
  private final int pipes;
  private final int warmup;
  private final boolean columns;
  private final String tableColumns;
  private final BenchFiles data;
  private final KeyPair key = RsaKeys.generate();
  private final Path local;

  private LoadBenchmark(int files, int rows, int pipes, int warmup, boolean columns, Path local) {
    this.files = files;
    this.rows = rows;
    this.pipes = pipes;
    this.warmup = warmup;
    this.columns = columns;
    this.tableColumns = columns ? BenchFiles.COLUMNS : VARIANT_COLUMNS;
    this.data = new BenchFiles(42, columns);
    this.local = local;
  }

  public static void main(String[] args) throws Exception {
    int files = 8;
    int rows = 10_000;
    int pipes = 2;
    int warmup = -1;
    String mode = "both";
    String shape = "variant";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[i + 1]);
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--pipes" -> pipes = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--mode" -> mode = args[i + 1];
        case "--shape" -> shape = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.println(Machine.describe());
    System.out.printf(
        Locale.ROOT,
        "%d files of %d rows per scenario, %d pipes in parallel, %s table, warm-up %d files%n",
        files,
        rows,
        pipes,
        shape,
        warmup < 0 ? files : warmup);
    if (!shape.equals("variant") && !shape.equals("columns")) {
      throw new IllegalArgumentException("--shape is variant or columns");
    }
    Path local = Files.createTempDirectory("bench-local-snowflake");
    LoadBenchmark bench =
        new LoadBenchmark(
            files, rows, pipes, warmup < 0 ? files : warmup, shape.equals("columns"), local);
    try {
      if (!mode.equals("local-fs")) {
        bench.run(false);
      }
      if (!mode.equals("cloud")) {
        bench.run(true);
      }
    } finally {
      // A run generates about 70 MB of files, which were left behind every time.
      deleteTree(local);
    }
    System.exit(0); // the ingest SDK's HTTP client leaves non-daemon threads behind
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void run(boolean localFs) throws Exception {
    String label = localFs ? "LOCAL_FS" : "cloud storage";
    try (LocalSnowflake sf = LocalSnowflake.builder().localFs(localFs).start()) {
      sf.execute("create database bench", "create stage bench.public.s");
      sf.registerPublicKey(sf.user(), key.getPublic());
      try (Connection c = sf.connect();
          Statement s = c.createStatement()) {
        s.execute("use schema bench.public");
        if (warmup > 0) {
          Round warm = new Round("warm_", "warm-up: ", warmup);
          copyInto(label, s, warm);
          snowpipe(label, sf, s, warm);
          parallelPipes(label, sf, s, warm);
        }
        Round measured = new Round("", "", files);
        copyInto(label, s, measured);
        snowpipe(label, sf, s, measured);
        parallelPipes(label, sf, s, measured);
      }
    }
  }

  private String copyStatement(String table, String prefix) {
    if (columns) {
      return "copy into "
          + table
          + " from @s/"
          + prefix
          + " file_format = (type = 'json') match_by_column_name = case_sensitive";
    }
    // TableObjects.copyStatement: each line's meta and content into the two VARIANT columns.
    return "copy into "
        + table
        + "(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from @s/"
        + prefix
        + " t) file_format = (type = 'json')";
  }

  /**
   * One round of the three scenarios: its objects' names start with {@code prefix} (the stage paths
   * too, so no round loads another's files) and its lines with {@code title}.
   */
  private record Round(String prefix, String title, int files) {}

  private void copyInto(String label, Statement s, Round r) throws Exception {
    String table = r.prefix() + "copy_t";
    s.execute("create table " + table + " " + tableColumns);
    List<BenchFiles.File> staged = stage(s, r.prefix() + "copy", "topic-copy", 0, r.files());
    Timing cold = new Timing();
    Timing steady = new Timing();
    for (int i = 0; i < staged.size(); i++) {
      BenchFiles.File f = staged.get(i);
      long start = System.nanoTime();
      long cpu = Machine.processCpuNanos();
      s.execute(copyStatement(table, r.prefix() + "copy") + " files = ('" + f.name() + "')");
      (i == 0 ? cold : steady).add(f, System.nanoTime() - start);
      (i == 0 ? cold : steady).addCpu(Machine.processCpuNanos() - cpu);
    }
    check(s, table, (long) r.files() * rows);
    cold.print(label, r.title() + "COPY INTO, first file");
    steady.print(label, r.title() + "COPY INTO, steady state (one COPY per file)");
  }

  private void snowpipe(String label, LocalSnowflake sf, Statement s, Round r) throws Exception {
    String table = r.prefix() + "pipe_t";
    String pipe = r.prefix() + "pipe_p";
    s.execute("create table " + table + " " + tableColumns);
    s.execute("create pipe " + pipe + " as " + copyStatement(table, r.prefix() + "pipe"));
    List<BenchFiles.File> staged = stage(s, r.prefix() + "pipe", "topic-pipe", 0, r.files());
    try (SimpleIngestManager ingest = ingest(sf, "BENCH.PUBLIC." + pipe.toUpperCase(Locale.ROOT))) {
      Timing cold = new Timing();
      submitAndWait(sf, List.of(ingest), List.of(staged.subList(0, 1)), cold);
      Timing steady = new Timing();
      submitAndWait(sf, List.of(ingest), List.of(staged.subList(1, staged.size())), steady);
      cold.print(label, r.title() + "Snowpipe, first file");
      steady.print(
          label,
          r.title() + "Snowpipe, steady state (" + (r.files() - 1) + " files in one insertFiles)");
    }
    check(s, table, (long) r.files() * rows);
  }

  private void parallelPipes(String label, LocalSnowflake sf, Statement s, Round r)
      throws Exception {
    List<SimpleIngestManager> managers = new ArrayList<>();
    List<List<BenchFiles.File>> perPipe = new ArrayList<>();
    int each = Math.max(1, r.files() / pipes);
    try {
      for (int p = 0; p < pipes; p++) {
        String table = r.prefix() + "par_t" + p;
        String pipe = r.prefix() + "par_p" + p;
        s.execute("create table " + table + " " + tableColumns);
        s.execute("create pipe " + pipe + " as " + copyStatement(table, r.prefix() + "par" + p));
        perPipe.add(stage(s, r.prefix() + "par" + p, "topic-par", p, each));
        managers.add(ingest(sf, "BENCH.PUBLIC." + pipe.toUpperCase(Locale.ROOT)));
      }
      Timing all = new Timing();
      submitAndWait(sf, managers, perPipe, all);
      all.print(
          label, r.title() + "Snowpipe, " + pipes + " pipes at once (" + each + " files each)");
    } finally {
      for (SimpleIngestManager m : managers) {
        m.close();
      }
    }
    for (int p = 0; p < pipes; p++) {
      check(s, r.prefix() + "par_t" + p, (long) each * rows);
    }
  }

  private SimpleIngestManager ingest(LocalSnowflake sf, String pipe) throws Exception {
    return new SimpleIngestManager(
        sf.account(), sf.user(), pipe, key.getPrivate(), "http", "127.0.0.1", sf.port());
  }

  /** Submits each pipe's files in one insertFiles and times until every load is recorded. */
  private static void submitAndWait(
      LocalSnowflake sf,
      List<SimpleIngestManager> managers,
      List<List<BenchFiles.File>> files,
      Timing timing)
      throws Exception {
    long start = System.nanoTime();
    long cpu = Machine.processCpuNanos();
    Map<String, Long> threads = Machine.cpuNanosByThread();
    long faults = Machine.minorFaults();
    for (int p = 0; p < managers.size(); p++) {
      List<StagedFileWrapper> wrapped = new ArrayList<>();
      for (BenchFiles.File f : files.get(p)) {
        wrapped.add(new StagedFileWrapper(f.name(), null));
      }
      managers.get(p).ingestFiles(wrapped, null);
    }
    if (!sf.awaitSnowpipeIdle(Duration.ofMinutes(5))) {
      throw new IllegalStateException("Snowpipe did not finish");
    }
    long elapsed = System.nanoTime() - start;
    timing.addCpu(Machine.processCpuNanos() - cpu);
    timing.threads(
        Machine.cpuSpent(threads, Machine.cpuNanosByThread())
            + "; minor page faults "
            + (Machine.minorFaults() - faults));
    for (List<BenchFiles.File> pipeFiles : files) {
      for (BenchFiles.File f : pipeFiles) {
        timing.add(f, 0);
      }
    }
    timing.addTime(elapsed);
    timing.window(start, start + elapsed);
  }

  /** Generates {@code count} files and PUTs them to {@code @s/prefix/} with the driver. */
  private List<BenchFiles.File> stage(
      Statement s, String prefix, String topic, int partition, int count)
      throws IOException, SQLException {
    List<BenchFiles.File> staged = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "%d_%05d.json.gz", partition, i);
      BenchFiles.File f = data.next(name, topic, partition, rows);
      Path file = Files.write(local.resolve(prefix + "_" + name), f.gzip());
      Path renamed = Files.createDirectories(local.resolve(prefix)).resolve(name);
      Files.move(file, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      s.execute("PUT file://" + renamed + " @s/" + prefix + " auto_compress = false");
      staged.add(f);
    }
    return staged;
  }

  private void check(Statement s, String table, long expected) throws SQLException {
    String orderId = columns ? "order_id" : "record_content:order_id";
    try (ResultSet rs =
        s.executeQuery(
            "select count(*), count(record_metadata:offset), count("
                + orderId
                + ") from "
                + table)) {
      rs.next();
      if (rs.getLong(1) != expected || rs.getLong(2) != expected || rs.getLong(3) != expected) {
        throw new IllegalStateException(
            table + " has " + rs.getLong(1) + " rows (expected " + expected + ")");
      }
    }
  }

  /**
   * Rows, uncompressed JSON bytes, wall time and CPU time of one scenario. CPU is the whole
   * process's (every thread, DuckDB's native ones included) while the scenario ran: the client only
   * waits then, so rows per CPU-second is the server's cost per core.
   */
  private static final class Timing {
    private long rows;
    private long bytes;
    private long nanos;
    private long cpuNanos;
    private int files;
    private String threads;
    private String window;

    void threads(String spent) {
      threads = spent;
    }

    /**
     * With {@code -Dbench.windows=true}, prints the scenario's span in seconds of System.nanoTime,
     * which is CLOCK_MONOTONIC on Linux: the clock of {@code perf record -k CLOCK_MONOTONIC}, so a
     * profile of a whole run can be cut to one scenario.
     */
    void window(long startNanos, long endNanos) {
      if (Boolean.getBoolean("bench.windows")) {
        window = String.format(Locale.ROOT, "%.3f,%.3f", startNanos / 1e9, endNanos / 1e9);
      }
    }

    void add(BenchFiles.File f, long elapsedNanos) {
      rows += f.rows();
      bytes += f.jsonBytes();
      nanos += elapsedNanos;
      files++;
    }

    void addTime(long elapsedNanos) {
      nanos += elapsedNanos;
    }

    void addCpu(long nanos) {
      cpuNanos += nanos;
    }

    void print(String mode, String scenario) {
      double seconds = nanos / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%-13s | %-62s | %3d files %7d rows %6.1f MB | %6.3f s | %7.0f rows/s | %5.1f MB/s"
              + " | %5.2f CPU-s %7.0f rows/CPU-s%n",
          mode,
          scenario,
          files,
          rows,
          bytes / 1e6,
          seconds,
          rows / seconds,
          bytes / 1e6 / seconds,
          cpuNanos / 1e9,
          rows / (cpuNanos / 1e9));
      if (threads != null) {
        System.out.printf(Locale.ROOT, "%-13s |   CPU by thread: %s%n", "", threads);
      }
      if (window != null) {
        System.out.printf(Locale.ROOT, "%-13s |   monotonic window: %s%n", "", window);
      }
    }
  }
}
