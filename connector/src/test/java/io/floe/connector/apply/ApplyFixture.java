package io.floe.connector.apply;

import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ApplyTarget.Field;
import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SessionSettings;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflake;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A mirrored table {@code ITEMS (ID, NAME, QTY)} in its own database of the local Snowflake, its
 * change and progress tables, and the applier's collaborators built as a task would build them.
 */
final class ApplyFixture implements AutoCloseable {
  static final String CONNECTOR = "cdc-test";

  final FloeFixture floe;
  final Connections connections;
  final SnowflakeClient client;
  final ProgressTable progress;
  final Retrier retrier = new Retrier(4, Duration.ofMillis(10), Duration.ofMillis(50));
  final ObjectRef table;
  final ApplyTarget target;
  final ObjectRef changes;

  ApplyFixture(LocalSnowflake snowflake, String database, DeleteMode deleteMode) {
    this.floe = new FloeFixture(snowflake, database);
    SessionSettings session =
        new FloeSinkConfig(floe.config(CONNECTOR, 10)).connectionSettings().session();
    this.connections = new Connections(session);
    this.client = new SnowflakeClient(connections, retrier);
    this.progress = new ProgressTable(client, CONNECTOR);
    this.table = ObjectRef.of(floe.database(), "PUBLIC", "ITEMS");
    this.target =
        new ApplyTarget(
            table,
            List.of(new Field("id", ColumnType.INTEGER)),
            List.of(new Field("name", ColumnType.VARCHAR), new Field("qty", ColumnType.INTEGER)),
            deleteMode);
    client.execute(
        "create target",
        "create table "
            + table.sql()
            + " (ID NUMBER(38,0), NAME VARCHAR, QTY NUMBER(38,0), __FLOE_POSITION NUMBER(38,0)"
            + (deleteMode == DeleteMode.SOFT ? ", __FLOE_DELETED BOOLEAN" : "")
            + ")");
    this.changes = new ChangeTables(client).ensure(table);
  }

  Applier applier() {
    return new Applier(connections::open, retrier, progress);
  }

  Applier applier(Applier.BeforeCommit hook) {
    return new Applier(connections::open, retrier, progress, hook);
  }

  void ensureProgress(String topic, int partitions) {
    for (int p = 0; p < partitions; p++) {
      progress.ensure(table, new TopicPartition(topic, p));
    }
  }

  /** Inserts the changes into the change table, as the file loader's COPY would. */
  void load(List<ChangeGenerator.Change> batch) {
    load(changes, batch);
  }

  void load(ObjectRef changes, List<ChangeGenerator.Change> batch) {
    try (Connection c = floe.snowflake().connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into " + changes.sql() + " select parse_json(?), parse_json(?)")) {
      for (ChangeGenerator.Change ch : batch) {
        s.setString(1, ch.metadata());
        s.setString(2, ch.content());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** The ranges from the progress table's offsets up to {@code loaded[p]}. */
  List<PartitionRange> ranges(String topic, long[] loaded) {
    Map<TopicPartition, Long> applied;
    try (Applier a = applier()) {
      applied = a.appliedOffsets(table);
    }
    List<PartitionRange> out = new ArrayList<>();
    for (int p = 0; p < loaded.length; p++) {
      out.add(new PartitionRange(topic, p, applied.get(new TopicPartition(topic, p)), loaded[p]));
    }
    return out;
  }

  /** The target's rows as {@code id|name|qty}, by id. */
  List<String> rows() {
    return rows("");
  }

  List<String> rows(String where) {
    return floe.query("select ID, NAME, QTY from " + table.sql() + where + " order by ID").stream()
        .map(r -> String.join("|", r))
        .toList();
  }

  long changeRows() {
    return floe.count("select count(*) from " + changes.sql());
  }

  @Override
  public void close() {
    connections.close();
  }
}
