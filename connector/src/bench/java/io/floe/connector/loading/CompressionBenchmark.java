package io.floe.connector.loading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which gzip level Floe's files should use: compresses 5 MB of lines of Floe's shape (one file at
 * the default buffer.size.bytes: RECORD_METADATA and RECORD_CONTENT of an order, about 330 bytes)
 * the way PartitionBuffer does (32 KB chunks) at each level, printing MB/s of JSON and the
 * compressed size. Compression runs on the task's upload path, so its MB/s bounds a task; the size
 * is what the upload sends and the stage stores. Run with {@code mvn -B -Pbench -DskipTests -pl
 * connector -am test-compile exec:exec -Dbench.args=CompressionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompressionBenchmark {
  @Param({"1", "3", "6", "9"})
  public int level;

  private byte[] lines;
  private int compressedSize;

  @Setup(Level.Trial)
  public void lines() {
    StringBuilder b = new StringBuilder();
    long i = 0;
    while (b.length() < 5_000_000) {
      b.append("{\"meta\":{\"CreateTime\":")
          .append(1_767_268_800_000L + i * 37)
          .append(",\"key\":\"order-")
          .append(i)
          .append("\",\"offset\":")
          .append(i)
          .append(",\"partition\":")
          .append(i % 4)
          .append(",\"topic\":\"orders\"},\"content\":{\"order_id\":")
          .append(i)
          .append(",\"customer\":{\"id\":\"c-")
          .append(i % 9973)
          .append("\",\"tier\":\"")
          .append(i % 3 == 0 ? "gold" : "silver")
          .append("\"},\"quantity\":")
          .append(i % 7 + 1)
          .append(",\"price\":")
          .append(i % 1000 / 100.0 + 1.25)
          .append(",\"paid\":")
          .append(i % 2 == 0)
          .append(",\"note\":\"")
          .append(Long.toString(i * 7919L, 36).repeat(8))
          .append("\"}}\n");
      i++;
    }
    lines = b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public int compress() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length / 4);
    int chosen = level;
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out, 16 * 1024) {
          {
            def.setLevel(chosen);
          }
        }) {
      for (int off = 0; off < lines.length; off += PartitionBuffer.CHUNK) {
        gzip.write(lines, off, Math.min(PartitionBuffer.CHUNK, lines.length - off));
      }
    }
    compressedSize = out.size();
    return compressedSize;
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        "%n  gzip level %d: %.1f MB of JSON -> %.2f MB (ratio %.1f)%n",
        level, lines.length / 1e6, compressedSize / 1e6, lines.length / (double) compressedSize);
  }
}
