package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.floe.connector.ErrorCode;
import java.io.IOException;

/**
 * Copies JSON text into a line without building a tree: parser events go straight to the generator,
 * which validates the text and writes it compact and UTF-8 in one pass.
 *
 * <p>Numbers are copied as their original text, so big integers and long decimals keep every digit
 * (a tree or a double would round them). Text Snowflake would reject is refused here, for this one
 * record, rather than failing the whole staged file: syntax errors, duplicate keys in one object
 * (Snowflake's JSON parser refuses them), NaN, comments, trailing content, invalid UTF-8.
 */
final class JsonTextCopier {
  private final JsonFactory factory = new JsonFactory();
  private final DuplicateKeys keys = new DuplicateKeys();

  /** Copies {@code text} into {@code g}; a {@link ConversionException} says what is wrong. */
  void copy(byte[] text, JsonGenerator g) throws IOException {
    keys.reset();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConversionException(
            ErrorCode.FLOE_4003, "it holds no JSON value (empty or blank)");
      }
      copyValue(p, g, first);
      if (p.nextToken() != null) {
        throw new ConversionException(
            ErrorCode.FLOE_4003,
            "more text follows the JSON value, at " + where(p.currentLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new ConversionException(
          ErrorCode.FLOE_4003, e.getOriginalMessage() + ", at " + where(e.getLocation()));
    }
  }

  private void copyValue(JsonParser p, JsonGenerator g, JsonToken first) throws IOException {
    int depth = 0;
    JsonToken token = first;
    while (true) {
      switch (token) {
        case START_OBJECT -> {
          g.writeStartObject();
          keys.startObject();
          depth++;
        }
        case END_OBJECT -> {
          g.writeEndObject();
          keys.endObject();
          depth--;
        }
        case START_ARRAY -> {
          g.writeStartArray();
          depth++;
        }
        case END_ARRAY -> {
          g.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> {
          String name = p.currentName();
          if (!keys.add(name)) {
            // Snowflake's JSON parser refuses duplicate keys, failing the whole staged file.
            throw new ConversionException(
                ErrorCode.FLOE_4003,
                "duplicate key '" + name + "' in one object, at " + where(p.currentLocation()));
          }
          g.writeFieldName(name);
        }
        case VALUE_STRING ->
            g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            g.writeNumber(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        case VALUE_TRUE -> g.writeBoolean(true);
        case VALUE_FALSE -> g.writeBoolean(false);
        case VALUE_NULL -> g.writeNull();
        default -> throw new ConversionException(ErrorCode.FLOE_4003, "unexpected token " + token);
      }
      if (depth == 0) {
        return;
      }
      token = p.nextToken();
      if (token == null) {
        throw new ConversionException(ErrorCode.FLOE_4003, "the JSON text ends too early");
      }
    }
  }

  private static String where(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
