package io.floe.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record for a test to produce: a string key and a value serialized as JSON.
 *
 * @param partition null lets the producer's partitioner choose
 * @param value any Jackson-serializable object (Map, List, String, Number, …); null produces a
 *     tombstone
 * @param headers string headers, in order
 */
public record JsonRecord(
    String topic, Integer partition, String key, Object value, Map<String, String> headers) {

  public JsonRecord {
    headers = Map.copyOf(headers);
  }

  public static JsonRecord of(String topic, Integer partition, String key, Object value) {
    return new JsonRecord(topic, partition, key, value, Map.of());
  }

  public JsonRecord withHeader(String name, String headerValue) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, headerValue);
    return new JsonRecord(topic, partition, key, value, more);
  }
}
