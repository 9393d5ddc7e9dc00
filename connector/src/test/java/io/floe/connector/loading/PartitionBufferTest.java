package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {
  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void theFileHoldsEveryLineInOrderWhateverTheirSizes() throws IOException {
    Random random = new Random(7);
    PartitionBuffer buffer = new PartitionBuffer(0);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    // Around the growth steps and the chunk size, and lines longer than a chunk.
    int[] sizes = {
      1,
      0,
      511,
      512,
      513,
      1000,
      PartitionBuffer.CHUNK - 1,
      PartitionBuffer.CHUNK,
      PartitionBuffer.CHUNK + 1,
      3 * PartitionBuffer.CHUNK,
      5,
      70_000,
      2
    };
    long offset = 0;
    for (int round = 0; round < 3; round++) {
      for (int size : sizes) {
        byte[] line = new byte[size];
        for (int i = 0; i < size; i++) {
          line[i] = (byte) ('a' + random.nextInt(26));
        }
        buffer.add(offset++, List.of(line, "{}".getBytes(StandardCharsets.UTF_8)));
        expected.write(line);
        expected.write('\n');
        expected.write("{}\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    assertEquals(expected.size(), buffer.uncompressedBytes());
    assertEquals(3L * sizes.length * 2, buffer.rows());
    assertArrayEquals(expected.toByteArray(), gunzip(buffer.seal()));
  }

  @Test
  void aPartitionHoldingAFewRecordsHoldsLittleMoreThanThem() throws IOException {
    PartitionBuffer buffer = new PartitionBuffer(0);
    byte[] line = new byte[230];
    java.util.Arrays.fill(line, (byte) 'x');
    for (int i = 0; i < 5; i++) {
      buffer.add(i, List.of(line));
    }
    // No deflater yet (its buffers and about 256 KB of native memory): just the lines.
    assertTrue(buffer.memoryBytes() <= 2048, buffer.memoryBytes() + " bytes");
    byte[] expected = new byte[5 * 231];
    for (int i = 0; i < 5; i++) {
      System.arraycopy(line, 0, expected, i * 231, 230);
      expected[i * 231 + 230] = '\n';
    }
    assertArrayEquals(expected, gunzip(buffer.seal()));
  }
}
