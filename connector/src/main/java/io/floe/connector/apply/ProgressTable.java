package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code FLOE_CDC_PROGRESS}, one per schema: per connector, target table and Kafka partition, the
 * highest offset whose change is applied to the target. It moves only inside the apply transaction,
 * with a compare-and-set on the offset the applier expects, so it is exactly what the target holds,
 * and a second applier of the same partition (a zombie) cannot move it too.
 *
 * <p>The columns are KAFKA_TOPIC and KAFKA_PARTITION rather than the design's TOPIC and PARTITION:
 * PARTITION is a keyword of window clauses, and the prefixed names need no quoting anywhere.
 */
public final class ProgressTable {
  static final String NAME = "FLOE_CDC_PROGRESS";

  private final SnowflakeClient client;
  private final String connector;
  private final Set<ObjectRef> created = ConcurrentHashMap.newKeySet();

  public ProgressTable(SnowflakeClient client, String connector) {
    this.client = client;
    this.connector = connector;
  }

  /** The progress table of the schema {@code target} lives in. */
  public static ObjectRef of(ObjectRef target) {
    return target.sibling(NAME);
  }

  /**
   * Creates the progress table unless it exists, and the partition's row (at {@link
   * PartitionRange#NOTHING_APPLIED}) unless it exists. Both are idempotent, so tasks may race.
   */
  public void ensure(ObjectRef target, TopicPartition tp) {
    ObjectRef progress = of(target);
    if (!created.contains(progress)) { // once per schema and task, not per partition
      createTable(progress);
      created.add(progress);
    }
    // A MERGE that only inserts: a row another task created meanwhile is left as it is.
    client.execute(
        "create progress row of " + tp + " for " + target,
        "MERGE INTO "
            + progress.sql()
            + " p USING (SELECT "
            + SqlLiteral.of(connector)
            + " AS C, "
            + SqlLiteral.of(target.sql())
            + " AS T, "
            + SqlLiteral.of(tp.topic())
            + " AS TOPIC, "
            + tp.partition()
            + " AS PART) s ON "
            + rowOf("p.", "s.C", "s.T", "s.TOPIC", "s.PART")
            + " WHEN NOT MATCHED THEN INSERT (CONNECTOR, TARGET_TABLE, KAFKA_TOPIC,"
            + " KAFKA_PARTITION, APPLIED_OFFSET, APPLIED_AT) VALUES (s.C, s.T, s.TOPIC, s.PART, "
            + PartitionRange.NOTHING_APPLIED
            + ", CURRENT_TIMESTAMP())");
  }

  private void createTable(ObjectRef progress) {
    client.execute(
        "create progress table " + progress,
        "CREATE TABLE IF NOT EXISTS "
            + progress.sql()
            + " (CONNECTOR VARCHAR, TARGET_TABLE VARCHAR, KAFKA_TOPIC VARCHAR, KAFKA_PARTITION"
            + " NUMBER(10,0), APPLIED_OFFSET NUMBER(38,0), APPLIED_AT TIMESTAMP_TZ(9), APPLIED_BY"
            + " VARCHAR) COMMENT = 'Created by Floe: how far change data capture has applied each"
            + " partition'");
  }

  /**
   * A partition's progress: the applied offset and the applier (one id per {@link Applier}) whose
   * transaction moved it there last, so a retry can tell its own lost-answer commit from another
   * task's.
   */
  record Progress(long offset, String appliedBy) {}

  /** The progress of every partition of {@code target} that has a row. */
  Map<TopicPartition, Progress> read(Connection c, ObjectRef target) throws SQLException {
    Map<TopicPartition, Progress> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT KAFKA_TOPIC, KAFKA_PARTITION, APPLIED_OFFSET, APPLIED_BY FROM "
                    + of(target).sql()
                    + " WHERE CONNECTOR = "
                    + SqlLiteral.of(connector)
                    + " AND TARGET_TABLE = "
                    + SqlLiteral.of(target.sql()))) {
      while (rs.next()) {
        out.put(
            new TopicPartition(rs.getString(1), rs.getInt(2)),
            new Progress(rs.getLong(3), rs.getString(4)));
      }
    }
    return out;
  }

  /**
   * Moves the partition from {@code range.applied()} to {@code range.loaded()}: one row or none.
   */
  String advance(ObjectRef target, PartitionRange range, String appliedBy) {
    return "UPDATE "
        + of(target).sql()
        + " SET APPLIED_OFFSET = "
        + range.loaded()
        + ", APPLIED_AT = CURRENT_TIMESTAMP(), APPLIED_BY = "
        + SqlLiteral.of(appliedBy)
        + " WHERE "
        + rowOf(
            "",
            SqlLiteral.of(connector),
            SqlLiteral.of(target.sql()),
            SqlLiteral.of(range.topic()),
            String.valueOf(range.partition()))
        + " AND APPLIED_OFFSET = "
        + range.applied();
  }

  private static String rowOf(
      String prefix, String connector, String target, String topic, String partition) {
    return prefix
        + "CONNECTOR = "
        + connector
        + " AND "
        + prefix
        + "TARGET_TABLE = "
        + target
        + " AND "
        + prefix
        + "KAFKA_TOPIC = "
        + topic
        + " AND "
        + prefix
        + "KAFKA_PARTITION = "
        + partition;
  }
}
