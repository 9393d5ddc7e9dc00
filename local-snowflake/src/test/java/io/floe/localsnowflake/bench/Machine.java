package io.floe.localsnowflake.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One line naming the machine a benchmark ran on: cores, CPU model, JVM, load average. */
final class Machine {
  private Machine() {}

  static String describe() {
    return String.format(
        Locale.ROOT,
        "machine: %d cores (nproc), CPU %s, Java %s, transparent huge pages %s, load average"
            + " before the run %s",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        System.getProperty("java.version"),
        hugePages(),
        loadAverage());
  }

  /**
   * The kernel's transparent huge page mode, the bracketed word of its setting ({@code madvise}
   * where only memory asked for gets them). Loading writes every row into memory DuckDB has just
   * taken from the OS, so where a page fault is dear (a virtual machine) this mode moved the
   * LOCAL_FS figures by a quarter or more: a figure is only comparable with the same mode.
   */
  private static String hugePages() {
    try {
      String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
      int open = mode.indexOf('[');
      return open < 0 ? mode.trim() : mode.substring(open + 1, mode.indexOf(']', open));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** CPU time of this process so far, all threads, as the OS counts it. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Minor page faults of this process so far (memory touched for the first time since it was mapped
   * or given back to the OS), or -1 where /proc is not there.
   */
  static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time so far of each group of this process's threads, by the thread name the OS knows
   * (digits folded, so that pools count as one): Java threads and the JVM's own (JIT compilers, GC
   * workers) and DuckDB's, which the MXBeans do not show. Empty where /proc is not there.
   */
  static Map<String, Long> cpuNanosByThread() {
    Map<String, Long> out = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          out.merge(name.replaceAll("[0-9]+", "N"), ticks * 10_000_000L, Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** What each thread group spent between two {@link #cpuNanosByThread} snapshots, most first. */
  static String cpuSpent(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> spent = new TreeMap<>();
    after.forEach((k, v) -> spent.put(k, v - before.getOrDefault(k, 0L)));
    long total = spent.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder();
    spent.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "%s %.2f s (%d%%), ",
                        e.getKey(),
                        e.getValue() / 1e9,
                        total == 0 ? 0 : Math.round(100.0 * e.getValue() / total))));
    return b.length() == 0 ? "(no /proc)" : b.substring(0, b.length() - 2);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
