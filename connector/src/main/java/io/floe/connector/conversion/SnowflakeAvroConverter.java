package io.floe.connector.conversion;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads Avro keys and values in the Confluent wire format, fetching writer schemas from a
 * Confluent-compatible schema registry. Config-compatible with the incumbent connector's {@code
 * com.snowflake.kafka.connector.records.SnowflakeAvroConverter}: {@code schema.registry.url},
 * {@code basic.auth.*}, {@code schema.registry.ssl.*}, {@code reader.schema} and {@code
 * break.on.schema.registry.error} (prefixed with {@code value.converter.} or {@code key.converter.}
 * in the connector config). The record's schema id is written to RECORD_METADATA as {@code
 * schema_id} (or {@code key_schema_id} for keys).
 *
 * <p>Undecodable bytes make the record broken (FLOE-4004, FLOE-4008, FLOE-4011, FLOE-4012). A
 * schema the registry does not have or that cannot be used (FLOE-4005, FLOE-4007) does too, unless
 * break.on.schema.registry.error is true: then this converter throws, and Connect's
 * errors.tolerance decides between failing the task and its own dead-letter queue. A registry that
 * does not answer (after retries), refuses the credentials or answers something else is not the
 * record's fault: the task stops (FLOE-4006), whatever errors.tolerance says.
 */
public final class SnowflakeAvroConverter extends SinkOnlyConverter {
  private ConfluentAvroDecoder decoder;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    super.configure(configs, isKey);
    AvroConverterConfig config = AvroConverterConfig.parse(configs, prefix());
    this.decoder =
        new ConfluentAvroDecoder(
            new SchemaRegistryClient(config.registry(), config.retries()),
            config.readerSchema(),
            config.breakOnRegistryError());
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (decoder == null) {
      throw new IllegalStateException("SnowflakeAvroConverter used before configure()");
    }
    if (value == null) {
      return nullValue();
    }
    return new SchemaAndValue(SnowflakeContent.SCHEMA, decoder.decode(value));
  }

  @Override
  public ConfigDef config() {
    return AvroConverterConfig.CONFIG_DEF;
  }
}
