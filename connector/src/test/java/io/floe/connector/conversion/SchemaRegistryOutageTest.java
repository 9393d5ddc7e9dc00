package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.testing.StepClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schema registry that is down is not bad data: the record is retried and, if the registry stays
 * down, the task stops (FLOE-4006) so the record is read again later. Only what the registry says
 * about the record itself (no such schema: 404 with error code 40403) makes it broken.
 */
class SchemaRegistryOutageTest {
  private static final Schema ID =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Id\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
  private static final String UNAVAILABLE =
      "{\"error_code\":50301,\"message\":\"Service Unavailable\"}";

  private final RecordConverter records = new RecordConverter(ConversionSettings.defaults());
  private FakeSchemaRegistry registry;

  @BeforeEach
  void startRegistry() throws Exception {
    registry = FakeSchemaRegistry.start().register(11, ID);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void a503IsRetriedWithBackoffAndTheRecordConvertsOnceTheRegistryAnswers() {
    registry.failNext(2, 503, UNAVAILABLE);
    List<Duration> waits = new ArrayList<>();
    SchemaRegistryClient client =
        new SchemaRegistryClient(
            endpoint(Duration.ofSeconds(5)),
            RegistryRetries.DEFAULT,
            waits::add,
            Clock.systemUTC());

    assertEquals(ID, client.schemaById(11));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
    assertEquals(3, registry.requests("/schemas/ids/11"));
  }

  @Test
  void throughTheConverterA503ThenA200GivesTheRow() {
    registry.failNext(1, 503, UNAVAILABLE);
    SnowflakeAvroConverter converter =
        converter(Map.of("schema.registry.url", registry.url(), "retries.wait.ms", "0"));

    assertEquals(
        "{\"id\":7}", Lines.contentOf(SnowflakeContent.SCHEMA, decode(converter, id(7)).value()));
  }

  @Test
  void aRegistryThatStaysDownStopsTheTaskNamingTheRegistryAndTheSchemaId() {
    registry.failNext(100, 503, UNAVAILABLE);
    SnowflakeAvroConverter converter =
        converter(
            Map.of(
                "schema.registry.url", registry.url(), "retries.wait.ms", "0", "max.retries", "2"));

    FloeException e =
        assertThrows(FloeException.class, () -> records.convert(decode(converter, id(7))));

    assertEquals(ErrorCode.FLOE_4006, e.code());
    assertTrue(e.getMessage().contains("schema id 11"), e.getMessage());
    assertTrue(e.getMessage().contains(registry.url() + "/: HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("in 3 attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("Topic orders, partition 3, offset 42"), e.getMessage());
    assertEquals(3, registry.requests("/schemas/ids/11"));
  }

  @Test
  void aRegistryThatDoesNotAnswerTimesOutAndStopsTheTask() {
    registry.hang();
    SnowflakeAvroConverter converter =
        converter(
            Map.of(
                "schema.registry.url",
                registry.url(),
                "http.read.timeout.ms",
                "200",
                "max.retries",
                "1",
                "retries.wait.ms",
                "0"));

    FloeException e =
        assertThrows(FloeException.class, () -> records.convert(decode(converter, id(7))));

    assertEquals(ErrorCode.FLOE_4006, e.code());
    assertTrue(e.getMessage().contains("schema id 11"), e.getMessage());
    assertTrue(e.getMessage().contains("HttpTimeoutException"), e.getMessage());
  }

  @Test
  void breakOnSchemaRegistryErrorDoesNotTurnAnOutageIntoAConnectError() {
    registry.failNext(100, 503, UNAVAILABLE);
    SnowflakeAvroConverter converter =
        converter(
            Map.of(
                "schema.registry.url",
                registry.url(),
                "retries.wait.ms",
                "0",
                "break.on.schema.registry.error",
                "true"));

    // The converter itself must not throw: with errors.tolerance=all Connect would skip the record.
    SinkRecord record = decode(converter, id(7));
    FloeException e = assertThrows(FloeException.class, () -> records.convert(record));
    assertEquals(ErrorCode.FLOE_4006, e.code());
  }

  @Test
  void refusedCredentialsStopTheTaskWithoutRetryingOrLeakingThem() {
    registry.requireBasicAuth("alice", "right");
    SnowflakeAvroConverter converter =
        converter(
            Map.of("schema.registry.url", registry.url(), "basic.auth.user.info", "alice:wrong"));

    FloeException e =
        assertThrows(FloeException.class, () -> records.convert(decode(converter, id(7))));

    assertEquals(ErrorCode.FLOE_4006, e.code());
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
    assertEquals(1, registry.requests("/schemas/ids/11"));
  }

  @Test
  void a404WithoutTheRegistrysErrorCodeIsAWrongUrlNotAMissingSchema() {
    registry.failNext(1, 404, "<html>Not Found</html>");
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    FloeException e =
        assertThrows(FloeException.class, () -> records.convert(decode(converter, id(7))));

    assertEquals(ErrorCode.FLOE_4006, e.code());
    assertTrue(e.getMessage().contains("is schema.registry.url right?"), e.getMessage());
  }

  @Test
  void aSchemaTheRegistryDoesNotHaveIsStillABrokenRecord() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));
    byte[] unknown = AvroData.confluent(99, ID, idRecord(7));

    ConvertedRecord.Broken broken = Lines.broken(records, decode(converter, unknown));

    assertEquals(ErrorCode.FLOE_4005, broken.code());
  }

  @Test
  void afterAnOutageTheNextRecordsFailAtOnceInsteadOfRetryingAgain() {
    registry.failNext(100, 503, UNAVAILABLE);
    StepClock clock = new StepClock(Instant.parse("2025-01-01T00:00:00Z"));
    SchemaRegistryClient client =
        new SchemaRegistryClient(
            endpoint(Duration.ofSeconds(5)),
            new RegistryRetries(1, Duration.ZERO, Duration.ZERO),
            d -> {},
            clock);

    assertThrows(RegistryUnavailableException.class, () -> client.schemaById(11));
    assertEquals(2, registry.requests("/schemas/ids/11"));
    clock.advance(Duration.ofSeconds(30));
    RegistryUnavailableException again =
        assertThrows(RegistryUnavailableException.class, () -> client.schemaById(11));
    assertEquals(2, registry.requests("/schemas/ids/11"));
    assertTrue(again.getMessage().contains("HTTP 503"), again.getMessage());

    registry.failNext(0, 503, UNAVAILABLE);
    clock.advance(Duration.ofSeconds(31));
    assertEquals(ID, client.schemaById(11));
  }

  private RegistryEndpoint endpoint(Duration timeout) {
    return new RegistryEndpoint(
        List.of(URI.create(registry.url() + "/")), null, null, null, timeout, timeout);
  }

  private static SnowflakeAvroConverter converter(Map<String, String> settings) {
    SnowflakeAvroConverter converter = new SnowflakeAvroConverter();
    converter.configure(new HashMap<>(settings), false);
    return converter;
  }

  private static SinkRecord decode(SnowflakeAvroConverter converter, byte[] bytes) {
    return Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", bytes).value());
  }

  private static byte[] id(long id) {
    return AvroData.confluent(11, ID, idRecord(id));
  }

  private static GenericData.Record idRecord(long id) {
    GenericData.Record r = new GenericData.Record(ID);
    r.put("id", id);
    return r;
  }
}
