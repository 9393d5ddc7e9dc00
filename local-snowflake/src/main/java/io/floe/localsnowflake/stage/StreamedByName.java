package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.floe.localsnowflake.core.CanonicalJson;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast way through a COPY with MATCH_BY_COLUMN_NAME, beside {@link StreamedProjection} (which
 * serves the connectors' two-VARIANT pipes and is left as it is): each record is read once from the
 * parser, every top-level key looked up among the columns, and its value written in stored form
 * (semi-structured columns) or converted from its single token (other columns), with no tree. Gives
 * the same values and errors as the tree path ({@link RowProjection#byColumnName} with {@link
 * ValueConverter}), with one exception: an object or array loaded into a column that is not
 * semi-structured (a VARCHAR, say) becomes text with its keys sorted, as stored VARIANTs are, where
 * the tree path keeps the order of the file.
 */
final class StreamedByName {
  /** Keys remembered per projection: enough for any sane file, bounded for a hostile one. */
  private static final int MAX_REMEMBERED_KEYS = 4096;

  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private final List<ColumnInfo> columns;
  private final boolean[] semiStructured;
  private final boolean caseSensitive;

  /** Column index by key as written in the files (-1: no column), filled as keys are met. */
  private final Map<String, Integer> indexByKey = new HashMap<>();

  private final ObjectKeys topLevel = new ObjectKeys();

  private StreamedByName(List<ColumnInfo> columns, boolean caseSensitive) {
    this.columns = columns;
    this.caseSensitive = caseSensitive;
    this.semiStructured = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      semiStructured[i] =
          ValueConverter.isSemiStructured(ValueConverter.baseType(columns.get(i).type()));
    }
  }

  /** The streamed form of a MATCH_BY_COLUMN_NAME COPY, or null when its format needs the tree. */
  static StreamedByName of(List<ColumnInfo> columns, JsonFormat format, boolean caseSensitive) {
    if (format.stripNullValues() || format.allowDuplicate()) {
      return null;
    }
    return new StreamedByName(columns, caseSensitive);
  }

  /**
   * The column values of the record at the parser's current token, which is consumed: per column
   * the value for the insert, a {@link ValueError} for a value that does not convert, or null where
   * no key matched. One writer per file being read.
   */
  Object[] read(JsonParser p, CanonicalJsonWriter writer) throws IOException {
    Object[] values = new Object[columns.size()];
    if (p.currentToken() != JsonToken.START_OBJECT) {
      writer.skip(p);
      return values;
    }
    boolean[] matched = new boolean[values.length];
    topLevel.clear();
    for (String name; (name = p.nextFieldName()) != null; ) {
      if (!topLevel.add(name)) {
        throw CanonicalJsonWriter.duplicate(p, name);
      }
      JsonToken t = p.nextToken();
      int i = index(name);
      // Ignoring case, the first key that matches a column gives its value, as on the tree path.
      if (i < 0 || matched[i]) {
        writer.skip(p);
        continue;
      }
      matched[i] = true;
      if (semiStructured[i]) {
        values[i] = CanonicalJson.ofUtf8(writer.writeUtf8(p));
      } else {
        JsonNode node =
            t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                ? EXACT.readTree(writer.write(p))
                : scalar(p, t);
        try {
          values[i] = ValueConverter.toColumn(node, columns.get(i));
        } catch (ValueError e) {
          values[i] = e;
        }
      }
    }
    return values;
  }

  /** A column's value for the insert, failing the row as the tree path does. */
  Object column(Object[] values, int index) throws ValueError {
    Object v = values[index];
    if (v instanceof ValueError e) {
      throw e;
    }
    if (v == null && !columns.get(index).nullable()) {
      throw ValueConverter.nullInNonNullable();
    }
    return v;
  }

  private int index(String key) {
    Integer known = indexByKey.get(key);
    if (known != null) {
      return known;
    }
    int found = -1;
    for (int i = 0; i < columns.size() && found < 0; i++) {
      String column = columns.get(i).name();
      if (caseSensitive ? column.equals(key) : column.equalsIgnoreCase(key)) {
        found = i;
      }
    }
    if (indexByKey.size() < MAX_REMEMBERED_KEYS) {
      indexByKey.put(key, found);
    }
    return found;
  }

  /** The node Jackson's tree reader makes of a scalar token (exact decimals, as the tree path). */
  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> IntNode.valueOf(p.getIntValue());
            case LONG -> LongNode.valueOf(p.getLongValue());
            default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(p.getDecimalValue());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      default -> NullNode.instance;
    };
  }
}
