package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes the Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then one Avro
 * binary datum written with that schema. Datums are decoded as generic data without logical-type
 * conversions; {@link AvroJsonWriter} applies the logical types when it writes JSON.
 *
 * <p>Not thread-safe (it reuses its binary decoder): Connect gives each task its own converter.
 */
final class ConfluentAvroDecoder {
  private static final byte MAGIC_BYTE = 0;
  private static final int HEADER_LENGTH = 5;

  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final boolean breakOnRegistryError;
  private final Map<Integer, BoundedDatumReader> readers = new ConcurrentHashMap<>();
  private BinaryDecoder reusedDecoder;

  ConfluentAvroDecoder(
      SchemaRegistryClient registry, Schema readerSchema, boolean breakOnRegistryError) {
    this.registry = registry;
    this.readerSchema = readerSchema;
    this.breakOnRegistryError = breakOnRegistryError;
  }

  /**
   * The decoded datum, {@link UndecodableContent} saying why not, or {@link RegistryOutageContent}
   * when the registry could not be asked. Throws only when the registry has no usable schema for
   * the id and break.on.schema.registry.error=true.
   */
  SnowflakeContent decode(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC_BYTE) {
      String found =
          bytes.length == 0
              ? "it is empty"
              : bytes[0] != MAGIC_BYTE
                  ? String.format("it starts with byte 0x%02x, not 0x00", bytes[0])
                  : "it is only " + bytes.length + " bytes long";
      return new UndecodableContent(bytes, ErrorCode.FLOE_4004, found, null);
    }
    int schemaId =
        ((bytes[1] & 0xff) << 24)
            | ((bytes[2] & 0xff) << 16)
            | ((bytes[3] & 0xff) << 8)
            | (bytes[4] & 0xff);
    BoundedDatumReader reader;
    try {
      reader = readerFor(schemaId);
    } catch (RegistryUnavailableException e) {
      return new RegistryOutageContent(bytes, e.getMessage(), schemaId);
    } catch (ConversionException e) {
      if (breakOnRegistryError) {
        throw new FloeException(
            e.code(), e.reason() + " (break.on.schema.registry.error=true stops here).");
      }
      return new UndecodableContent(bytes, e.code(), e.reason(), schemaId);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, reusedDecoder);
      reusedDecoder = decoder;
      Object datum = reader.read(decoder, AvroBound.ofDatum(bytes.length - HEADER_LENGTH));
      if (!decoder.isEnd()) {
        return new UndecodableContent(
            bytes,
            ErrorCode.FLOE_4008,
            "bytes remain after the datum, so it was not written with schema id " + schemaId,
            schemaId);
      }
      return new AvroContent(
          bytes, reader.getExpected(), Collections.singletonList(datum), schemaId);
    } catch (ConversionException e) {
      return new UndecodableContent(
          bytes, e.code(), "with schema id " + schemaId + ": " + e.reason(), schemaId);
    } catch (IOException | RuntimeException e) {
      return new UndecodableContent(
          bytes, ErrorCode.FLOE_4008, "with schema id " + schemaId + ": " + e, schemaId);
    }
  }

  private BoundedDatumReader readerFor(int schemaId) {
    BoundedDatumReader reader = readers.get(schemaId);
    if (reader == null) {
      Schema writer = registry.schemaById(schemaId);
      reader =
          new BoundedDatumReader(
              writer, readerSchema != null ? readerSchema : writer, AvroBound.ofDatum(0));
      readers.put(schemaId, reader);
    }
    return reader;
  }
}
