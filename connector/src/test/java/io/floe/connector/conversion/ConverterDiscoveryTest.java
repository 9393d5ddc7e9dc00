package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/**
 * Connect workers with {@code plugin.discovery=service_load} find converters only through their
 * ServiceLoader manifest, so the three Snowflake converters must be listed there.
 */
class ConverterDiscoveryTest {
  @Test
  void theSnowflakeConvertersAreListedForServiceLoading() {
    Set<String> found =
        ServiceLoader.load(Converter.class).stream()
            .map(provider -> provider.type().getName())
            .filter(name -> name.startsWith("io.floe."))
            .collect(Collectors.toSet());

    assertEquals(
        Set.of(
            SnowflakeJsonConverter.class.getName(),
            SnowflakeAvroConverter.class.getName(),
            SnowflakeAvroConverterWithoutSchemaRegistry.class.getName()),
        found);
  }
}
