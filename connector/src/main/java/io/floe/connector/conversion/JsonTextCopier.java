package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.floe.connector.ErrorCode;
import java.io.IOException;

/**
 * Copies JSON text into a line without building a tree: parser events go straight to the generator,
 * which validates the text and writes it compact and UTF-8 in one pass.
 *
 * <p>Numbers are copied as their original text, so big integers and long decimals keep every digit
 * (a tree or a double would round them). Text Snowflake would reject is refused here, for this one
 * record, rather than failing the whole staged file: syntax errors, duplicate keys in one object
 * (Snowflake's JSON parser refuses them), NaN, comments, trailing content, invalid UTF-8
 * (FLOE-4003), nesting deeper than {@link ConversionLimits#MAX_DEPTH} (FLOE-4011) and numbers
 * beyond what Snowflake's FLOAT holds (FLOE-4013).
 */
final class JsonTextCopier {
  /**
   * A number written without an exponent and with at most this many characters is below 10^308, so
   * within a double's range (up to about 1.8e308); only longer ones, or ones with an exponent, need
   * parsing to check.
   */
  private static final int ALWAYS_FINITE_LENGTH = 308;

  private static final int SHOWN_NUMBER_LENGTH = 40;

  private final JsonFactory factory;
  private final DuplicateKeys keys = new DuplicateKeys();

  /**
   * @param maxRecordBytes the longest line: strings, keys and numbers may be this long here (the
   *     line's own size check then reports a record that is too large, with a clearer reason)
   */
  JsonTextCopier(int maxRecordBytes) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    // One more than ours, so that copyValue reports the depth in its own words.
                    .maxNestingDepth(ConversionLimits.MAX_DEPTH + 1)
                    .maxStringLength(maxRecordBytes)
                    .maxNameLength(maxRecordBytes)
                    .maxNumberLength(maxRecordBytes)
                    .build())
            .build();
  }

  /** Copies {@code text} into {@code g}; a {@link ConversionException} says what is wrong. */
  void copy(byte[] text, JsonGenerator g) throws IOException {
    String utf8Error = Utf8Check.problem(text);
    if (utf8Error != null) {
      throw new ConversionException(ErrorCode.FLOE_4003, utf8Error);
    }
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
    } catch (StreamConstraintsException e) {
      throw new ConversionException(
          ErrorCode.FLOE_4012,
          e.getOriginalMessage() + " (floe.max.record.bytes), at " + where(e.getLocation()));
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
          depth = deeper(depth, p);
          g.writeStartObject();
          keys.startObject();
        }
        case END_OBJECT -> {
          g.writeEndObject();
          keys.endObject();
          depth--;
        }
        case START_ARRAY -> {
          depth = deeper(depth, p);
          g.writeStartArray();
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
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> copyNumber(p, g);
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

  private static int deeper(int depth, JsonParser p) {
    if (depth == ConversionLimits.MAX_DEPTH) {
      throw new ConversionException(
          ErrorCode.FLOE_4011,
          ConversionLimits.tooDeep() + ", at " + where(p.currentTokenLocation()));
    }
    return depth + 1;
  }

  /**
   * Copies the number's text as written, unless no Snowflake number type can hold it: NUMBER keeps
   * 38 digits and anything else becomes a FLOAT (a double), so a magnitude beyond a double's, such
   * as {@code 1e400}, would make Snowflake refuse the whole file.
   */
  private static void copyNumber(JsonParser p, JsonGenerator g) throws IOException {
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    if (beyondDouble(text, offset, length)) {
      String shown =
          length <= SHOWN_NUMBER_LENGTH
              ? new String(text, offset, length)
              : new String(text, offset, SHOWN_NUMBER_LENGTH) + "… (" + length + " characters)";
      throw new ConversionException(
          ErrorCode.FLOE_4013,
          "the number "
              + shown
              + " is beyond the range of Snowflake's FLOAT (about ±1.8e308), at "
              + where(p.currentLocation()));
    }
    g.writeNumber(text, offset, length);
  }

  static boolean beyondDouble(char[] text, int offset, int length) {
    boolean exponent = false;
    for (int i = offset; i < offset + length && !exponent; i++) {
      exponent = text[i] == 'e' || text[i] == 'E';
    }
    if (!exponent && length <= ALWAYS_FINITE_LENGTH) {
      return false;
    }
    return Double.isInfinite(Double.parseDouble(new String(text, offset, length)));
  }

  private static String where(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
