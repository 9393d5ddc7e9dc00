package io.floe.localsnowflake.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Staged files shaped like Floe's: gzip NDJSON, one Kafka record a line, {@code
 * {"meta":{...},"content":{...}}} with the connector's metadata fields and a content object of
 * about 230 bytes (strings, integers, decimals, a nested object, an array, a boolean); or, for a
 * schematized table ({@code columns}), the same data as {@code {"RECORD_METADATA":{...},
 * "ORDER_ID":…,"CUSTOMER":{...},…}}, one top-level key per column. Deterministic for a seed, so
 * runs compare.
 */
final class BenchFiles {
  private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};

  /** One file: its gzip bytes, how many rows and how many uncompressed JSON bytes it holds. */
  record File(String name, byte[] gzip, int rows, long jsonBytes) {}

  /** The schematized table's columns, for the {@code columns} shape. */
  static final String COLUMNS =
      "(RECORD_METADATA VARIANT, ORDER_ID NUMBER, CUSTOMER VARIANT, ITEMS ARRAY,"
          + " TOTAL NUMBER(10,2), CURRENCY VARCHAR, CREATED_AT TIMESTAMP_TZ, PAID BOOLEAN)";

  private final Random random;
  private final boolean columns;
  private long offset;

  BenchFiles(long seed, boolean columns) {
    this.random = new Random(seed);
    this.columns = columns;
  }

  /** A top-level key of the content: upper-cased for the schematized shape, as its column. */
  private String key(String name) {
    return columns ? name.toUpperCase(Locale.ROOT) : name;
  }

  File next(String name, String topic, int partition, int rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long json = 0;
    try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      StringBuilder line = new StringBuilder(512);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        record(line, topic, partition, offset++);
        byte[] b = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        out.write(b);
        json += b.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new File(name, bytes.toByteArray(), rows, json);
  }

  /** The next record alone, {@code {"meta":{...},"content":{...}}}, as one line of a file. */
  String nextRecord(String topic, int partition) {
    StringBuilder line = new StringBuilder(512);
    record(line, topic, partition, offset++);
    return line.toString();
  }

  private void record(StringBuilder b, String topic, int partition, long off) {
    long created = 1_767_225_600_000L + off * 7;
    b.append(columns ? "{\"RECORD_METADATA\":{\"topic\":\"" : "{\"meta\":{\"topic\":\"")
        .append(topic)
        .append("\",\"offset\":")
        .append(off)
        .append(",\"partition\":")
        .append(partition)
        .append(",\"CreateTime\":")
        .append(created)
        .append(",\"key\":\"order-")
        .append(off)
        .append(columns ? "\"},\"" : "\"},\"content\":{\"")
        .append(key("order_id"))
        .append("\":")
        .append(off)
        .append(",\"")
        .append(key("customer"))
        .append("\":{\"id\":\"c-")
        .append(100_000 + random.nextInt(900_000))
        .append("\",\"name\":\"Customer ")
        .append(random.nextInt(100_000))
        .append("\",\"tier\":\"")
        .append(TIERS[random.nextInt(TIERS.length)])
        .append("\"},\"")
        .append(key("items"))
        .append("\":[");
    int items = 1 + random.nextInt(2);
    for (int i = 0; i < items; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(10_000 + random.nextInt(90_000))
          .append("\",\"qty\":")
          .append(1 + random.nextInt(5))
          .append(",\"price\":")
          .append(random.nextInt(100))
          .append('.')
          .append(10 + random.nextInt(90))
          .append('}');
    }
    b.append("],\"")
        .append(key("total"))
        .append("\":")
        .append(random.nextInt(1000))
        .append('.')
        .append(10 + random.nextInt(90))
        .append(",\"")
        .append(key("currency"))
        .append("\":\"")
        .append(CURRENCIES[random.nextInt(CURRENCIES.length)])
        .append("\",\"")
        .append(key("created_at"))
        .append("\":\"2026-01-01T12:")
        .append(10 + random.nextInt(50))
        .append(':')
        .append(10 + random.nextInt(50))
        .append(".123Z\",\"")
        .append(key("paid"))
        .append("\":")
        .append(random.nextBoolean())
        .append(columns ? "}" : "}}");
  }
}
