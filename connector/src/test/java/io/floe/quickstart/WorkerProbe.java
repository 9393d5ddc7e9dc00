package io.floe.quickstart;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Connect worker process costs, read from outside it as an operator would: CPU time and
 * resident memory from /proc, heap from its GC log ({@code -Xlog:gc:file=…}, which bin/bench
 * passes). Nothing here runs inside the worker, so measuring does not add to what is measured.
 */
final class WorkerProbe {
  /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 5.123ms} */
  private static final Pattern PAUSE =
      Pattern.compile("GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /** HotSpot's JIT compiler threads (C1 and C2) as {@link #cpuByThread} names them. */
  static final String JIT = "CN CompilerThre";

  private final long pid;
  private final Path gcLog;
  private final long ticksPerSecond;

  WorkerProbe(long pid, Path gcLog, long ticksPerSecond) {
    this.pid = pid;
    this.gcLog = gcLog;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** User + system CPU seconds the worker process has used so far (all its threads). */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return (utime + stime) / (double) ticksPerSecond;
  }

  /**
   * CPU seconds per kind of thread so far: threads named alike (digits aside) summed, e.g. the
   * tasks' {@code pool-N-thread-N}, Floe's {@code floe-…-upload-N}, {@code C2 CompilerThreN},
   * {@code GC Thread#N}. Linux keeps the first 15 characters of a thread's name.
   */
  Map<String, Double> cpuByThread() throws IOException {
    Map<String, Double> byName = new TreeMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticksPerSecond;
          byName.merge(name.replaceAll("\\d+", "N"), cpu, Double::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended while we read it.
        }
      }
    }
    return byName;
  }

  /** The largest shares of {@code after - before}, as "name 1.2 s, …". */
  static String topShares(Map<String, Double> before, Map<String, Double> after, int n) {
    Map<String, Double> delta = new HashMap<>();
    after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0.0)));
    double total = delta.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder b = new StringBuilder();
    delta.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(
                        String.format(
                            " %.1f s (%.0f%%)", e.getValue(), 100 * e.getValue() / total)));
    return b.toString();
  }

  /** Peak resident set size of the worker so far (VmHWM), in MB. */
  double peakRssMb() throws IOException {
    return statusKb("VmHWM") / 1024.0;
  }

  double rssMb() throws IOException {
    return statusKb("VmRSS") / 1024.0;
  }

  private long statusKb(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Heap figures from the GC log's pauses, from {@code fromLine} on (a phase's pauses). */
  record Heap(int pauses, long peakBeforeMb, long maxAfterMb, long committedMb) {
    String describe() {
      return pauses == 0
          ? "no GC pause"
          : String.format(
              "%d GC pauses, heap peak %d MB before GC, at most %d MB live after GC, %d MB"
                  + " committed",
              pauses, peakBeforeMb, maxAfterMb, committedMb);
    }
  }

  int gcLogLines() throws IOException {
    return Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
  }

  Heap heap(int fromLine) throws IOException {
    List<String> lines = Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
    int pauses = 0;
    long before = 0;
    long after = 0;
    long committed = 0;
    for (String line : lines.subList(Math.min(fromLine, lines.size()), lines.size())) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses++;
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
      }
    }
    return new Heap(pauses, before, after, committed);
  }
}
