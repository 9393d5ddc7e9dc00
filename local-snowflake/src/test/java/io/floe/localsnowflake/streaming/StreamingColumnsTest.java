package io.floe.localsnowflake.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The SDK's encodings of Snowflake types, as read back from its Parquet. */
class StreamingColumnsTest {

  private static ColumnMetadata column(String type) {
    return StreamingColumns.metadata(new ColumnInfo("C", type, true), 1).orElseThrow();
  }

  @Test
  void columnMetadataNamesTheLogicalAndPhysicalTypesTheSdkBuildsParquetFrom() {
    ColumnMetadata number = column("NUMBER(38,0)");
    assertEquals("FIXED", number.logicalType());
    assertEquals("SB16", number.physicalType());
    assertEquals(38, number.precision());
    assertEquals(0, number.scale());
    assertEquals("SB4", column("NUMBER(9,2)").physicalType());
    ColumnMetadata text = column("VARCHAR(16777216)");
    assertEquals("TEXT", text.logicalType());
    assertEquals(16_777_216L, text.length());
    assertEquals("VARIANT", column("VARIANT").logicalType());
    assertEquals("SB16", column("TIMESTAMP_NTZ(9)").physicalType());
    assertEquals("SB8", column("TIMESTAMP_LTZ(3)").physicalType());
    assertEquals(3, column("TIMESTAMP_LTZ(3)").scale());
    ColumnMetadata binary = column("BINARY(8388608)");
    assertEquals("BINARY", binary.logicalType());
    assertEquals("LOB", binary.physicalType());
    assertEquals(8_388_608L, binary.byteLength());
    assertTrue(StreamingColumns.metadata(new ColumnInfo("G", "GEOGRAPHY", true), 1).isEmpty());
  }

  @Test
  void timestampsAreEpochValuesScaledTimestampTzCarriesItsOffsetBelowFourteenBits() {
    // 2024-01-02T05:04:05.5+02:00 = epoch 1704164645.5 s; offset 120 min, stored as 120 + 1440.
    BigInteger scaled = BigInteger.valueOf(1_704_164_645_500L); // scale 3
    BigInteger binary = scaled.shiftLeft(14).add(BigInteger.valueOf(120 + 1440));
    assertEquals(
        OffsetDateTime.parse("2024-01-02T05:04:05.500+02:00"),
        StreamingColumns.value(column("TIMESTAMP_TZ(3)"), new BigDecimal(binary, 3)));
    assertEquals(
        LocalDateTime.parse("2024-01-02T03:04:05.500"),
        StreamingColumns.value(column("TIMESTAMP_NTZ(3)"), new BigDecimal(scaled, 3)));
    assertEquals(
        LocalTime.of(13, 14, 15, 250_000_000),
        StreamingColumns.value(column("TIME(9)"), new BigDecimal("47655.250000000")));
  }
}
