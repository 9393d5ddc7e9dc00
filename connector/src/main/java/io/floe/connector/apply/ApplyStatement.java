package io.floe.connector.apply;

import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ApplyTarget.Field;
import io.floe.connector.snowflake.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that moves a target's loaded changes into it: one MERGE of the newest change per key, and
 * the DELETE of the applied changes. Both read exactly the given partition ranges, so the
 * transaction that runs them together with the progress update applies each change once.
 *
 * <p>A change is read from RECORD_CONTENT in place (no conversion on the way in): a Debezium
 * envelope ({@code op} plus an {@code after} or {@code before} object), the flattened form of
 * {@code ExtractNewRecordState} ({@code __deleted = 'true'} or {@code __op = 'd'} marks a delete),
 * or a tombstone ({@code {}} content). The key always comes from {@code RECORD_METADATA:key}, which
 * a tombstone still carries.
 */
final class ApplyStatement {
  // Internal names in the USING subquery; the __FLOE_ prefix keeps them apart from user columns.
  private static final String KEY = "\"__FLOE_K\"";
  private static final String ROW = "\"__FLOE_R\"";
  private static final String OP = "\"__FLOE_OP\"";
  private static final String POS = "\"__FLOE_POS\"";
  private static final String PART = "\"__FLOE_P\"";
  private static final String OFFSET = "\"__FLOE_O\"";

  private static final String ENVELOPE =
      "(TYPEOF(RECORD_CONTENT:op) = 'VARCHAR' AND (TYPEOF(RECORD_CONTENT:after) = 'OBJECT'"
          + " OR TYPEOF(RECORD_CONTENT:before) = 'OBJECT'))";

  /**
   * 'd' delete, 'u' upsert, 't' truncate (taken by no WHEN clause: truncates are not applied). A
   * tombstone is a delete; so is a content without fields, which is how a tombstone loads.
   */
  private static final String OPERATION =
      "CASE WHEN "
          + ENVELOPE
          + " THEN (CASE WHEN RECORD_CONTENT:op::VARCHAR = 'd' THEN 'd'"
          + " WHEN RECORD_CONTENT:op::VARCHAR = 't' THEN 't' ELSE 'u' END)"
          + " WHEN RECORD_CONTENT IS NULL THEN 'd'"
          + " WHEN RECORD_CONTENT:__deleted::VARCHAR = 'true' THEN 'd'"
          + " WHEN RECORD_CONTENT:__op::VARCHAR = 'd' THEN 'd'"
          + " WHEN ARRAY_SIZE(OBJECT_KEYS(RECORD_CONTENT)) = 0 THEN 'd'"
          + " ELSE 'u' END";

  /**
   * The row of the change: the envelope's {@code after} ({@code before} for a delete, whose after
   * is null), or the flattened value itself.
   */
  static final String ROW_OF =
      "IFF("
          + ENVELOPE
          + ", IFF(RECORD_CONTENT:op::VARCHAR = 'd', RECORD_CONTENT:before, RECORD_CONTENT:after),"
          + " RECORD_CONTENT)";

  /**
   * Debezium's source position when the change carries a numeric one (PostgreSQL's {@code lsn}),
   * comparable across partitions; else the Kafka offset, comparable within the key's partition. A
   * table should get its changes in one of the two forms: the guard compares them as numbers.
   */
  private static final String POSITION_OF =
      "COALESCE(TRY_TO_NUMBER(RECORD_CONTENT:source:lsn::VARCHAR),"
          + " RECORD_METADATA:offset::NUMBER(38,0))";

  private final ApplyTarget target;
  private final ObjectRef changes;

  ApplyStatement(ApplyTarget target, ObjectRef changes) {
    this.target = target;
    this.changes = changes;
  }

  /** The MERGE of the newest change per key within {@code ranges} (none of them empty). */
  String merge(List<PartitionRange> ranges) {
    List<Field> keys = target.keys();
    List<Field> values = valuesWithoutKeys();
    StringBuilder b = new StringBuilder();
    b.append("MERGE INTO ").append(target.table().sql()).append(" t USING (SELECT ");
    List<String> select = new ArrayList<>();
    String keyObject = target.keysFromRow() ? ROW : KEY;
    for (Field k : keys) {
      select.add(path(keyObject, k) + " AS " + k.column().sql());
    }
    for (Field v : values) {
      select.add(path(ROW, v) + " AS " + v.column().sql());
    }
    select.add(OP);
    select.add(POS);
    b.append(String.join(", ", select));
    b.append(" FROM (SELECT RECORD_METADATA:key AS ").append(KEY);
    b.append(", ").append(ROW_OF).append(" AS ").append(ROW);
    b.append(", ").append(OPERATION).append(" AS ").append(OP);
    b.append(", ").append(POSITION_OF).append(" AS ").append(POS);
    b.append(", RECORD_METADATA:partition::NUMBER(38,0) AS ").append(PART);
    b.append(", RECORD_METADATA:offset::NUMBER(38,0) AS ").append(OFFSET);
    b.append(" FROM ").append(changes.sql()).append(" WHERE ").append(inRanges(ranges));
    // One source row per key, or the MERGE is nondeterministic (100090). Within a key the newest
    // position wins; partition and offset break ties so the choice never depends on scan order.
    b.append(") c QUALIFY ROW_NUMBER() OVER (PARTITION BY ");
    b.append(keys.stream().map(k -> path(keyObject, k)).collect(Collectors.joining(", ")));
    b.append(" ORDER BY ")
        .append(POS)
        .append(" DESC, ")
        .append(PART)
        .append(" DESC, ")
        .append(OFFSET)
        .append(" DESC) = 1) s ON ");
    b.append(
        keys.stream()
            .map(k -> "t." + k.column().sql() + " = s." + k.column().sql())
            .collect(Collectors.joining(" AND ")));
    // An older change never overwrites a newer one; a change at the row's own position is the
    // change that wrote it, so applying it again changes nothing.
    String newer =
        " AND (t."
            + ApplyTarget.POSITION.sql()
            + " IS NULL OR s."
            + POS
            + " > t."
            + ApplyTarget.POSITION.sql()
            + ")";
    b.append(" WHEN MATCHED AND s.").append(OP).append(" = 'd'").append(newer);
    if (target.deleteMode() == DeleteMode.HARD) {
      b.append(" THEN DELETE");
    } else {
      b.append(" THEN UPDATE SET ")
          .append(ApplyTarget.DELETED.sql())
          .append(" = TRUE, ")
          .append(ApplyTarget.POSITION.sql())
          .append(" = s.")
          .append(POS);
    }
    List<String> set = new ArrayList<>();
    for (Field v : values) {
      set.add(v.column().sql() + " = s." + v.column().sql());
    }
    set.add(ApplyTarget.POSITION.sql() + " = s." + POS);
    if (target.deleteMode() == DeleteMode.SOFT) {
      set.add(ApplyTarget.DELETED.sql() + " = FALSE");
    }
    b.append(" WHEN MATCHED AND s.").append(OP).append(" = 'u'").append(newer);
    b.append(" THEN UPDATE SET ").append(String.join(", ", set));
    List<String> columns = new ArrayList<>();
    List<String> inserted = new ArrayList<>();
    for (Field f : concat(keys, values)) {
      columns.add(f.column().sql());
      inserted.add("s." + f.column().sql());
    }
    columns.add(ApplyTarget.POSITION.sql());
    inserted.add("s." + POS);
    if (target.deleteMode() == DeleteMode.SOFT) {
      columns.add(ApplyTarget.DELETED.sql());
      inserted.add("FALSE");
    }
    b.append(" WHEN NOT MATCHED AND s.").append(OP).append(" = 'u' THEN INSERT (");
    b.append(String.join(", ", columns)).append(") VALUES (");
    b.append(String.join(", ", inserted)).append(")");
    return b.toString();
  }

  /** Removes the changes of {@code ranges} from the change table once they are applied. */
  String deleteApplied(List<PartitionRange> ranges) {
    return "DELETE FROM " + changes.sql() + " WHERE " + inRanges(ranges);
  }

  static String inRanges(List<PartitionRange> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("no partition ranges");
    }
    return ranges.stream()
        .map(
            r ->
                "(RECORD_METADATA:topic::VARCHAR = "
                    + SqlLiteral.of(r.topic())
                    + " AND RECORD_METADATA:partition::NUMBER(38,0) = "
                    + r.partition()
                    + " AND RECORD_METADATA:offset::NUMBER(38,0) > "
                    + r.applied()
                    + " AND RECORD_METADATA:offset::NUMBER(38,0) <= "
                    + r.loaded()
                    + ")")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private List<Field> valuesWithoutKeys() {
    List<Field> out = new ArrayList<>();
    for (Field v : target.values()) {
      if (target.keys().stream().noneMatch(k -> k.column().equals(v.column()))) {
        out.add(v);
      }
    }
    return out;
  }

  /** The field of a VARIANT object, cast to its column's type (semi-structured stays VARIANT). */
  private static String path(String object, Field f) {
    String element = object + "[" + SqlLiteral.of(f.field()) + "]";
    return f.type().isSemiStructured() ? element : element + "::" + f.type().sql();
  }

  private static List<Field> concat(List<Field> a, List<Field> b) {
    List<Field> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
