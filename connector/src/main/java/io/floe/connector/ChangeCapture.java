package io.floe.connector;

import io.floe.connector.apply.Applier;
import io.floe.connector.apply.ApplyLoop;
import io.floe.connector.apply.ApplyMetrics;
import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ChangeFields;
import io.floe.connector.apply.ChangeTables;
import io.floe.connector.apply.MirrorTables;
import io.floe.connector.apply.ProgressTable;
import io.floe.connector.config.CdcSettings;
import io.floe.connector.conversion.ChangeConverter;
import io.floe.connector.conversion.ConversionSettings;
import io.floe.connector.loading.Ingestion;
import io.floe.connector.loading.Loader;
import io.floe.connector.loading.TaskThreads;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.schema.TableSchema;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Change data capture in file mode ({@code floe.cdc.mode=upsert}): the file {@link Loader} loads
 * each topic's change events, unchanged, into the target's change table, and the task's {@link
 * ApplyLoop} applies what has loaded to the target. This class wires the two and is the task's
 * {@link Ingestion}: the loader's, plus the apply step's failure surfaced on the task thread and
 * the apply step stopped before the loader.
 */
final class ChangeCapture implements Ingestion {
  private final Loader loader;
  private final ApplyLoop apply;
  private final ApplyMetrics metrics;

  private ChangeCapture(Loader loader, ApplyLoop apply, ApplyMetrics metrics) {
    this.loader = loader;
    this.apply = apply;
    this.metrics = metrics;
  }

  /** The change table each topic's records load into: {@code <TARGET>_FLOE_CHANGES}. */
  static Function<String, ObjectRef> changeTables(Function<String, ObjectRef> targetForTopic) {
    return topic -> ChangeTables.of(targetForTopic.apply(topic));
  }

  /** The converter: change events checked and their targets evolved, then staged as they are. */
  static ChangeConverter converter(
      ConversionSettings settings,
      CdcSettings cdc,
      MirrorTables mirrors,
      Function<String, ObjectRef> targetForTopic) {
    Map<String, ObjectRef> byTopic = new HashMap<>();
    Function<SinkRecord, TableSchema> targets =
        record -> mirrors.ensure(byTopic.computeIfAbsent(record.topic(), targetForTopic));
    return new ChangeConverter(settings, cdc, targets);
  }

  /** The targets: schematized tables with Floe's row-guard columns. */
  static MirrorTables mirrors(SnowflakeClient client, String connector, CdcSettings cdc) {
    return new MirrorTables(new TableManager(client, connector, true), cdc.softDeletes());
  }

  /** Starts the task's apply step over what {@code loader} has loaded. */
  static ChangeCapture start(
      Loader loader,
      CdcSettings cdc,
      MirrorTables mirrors,
      SnowflakeClient client,
      Connections connections,
      Retrier retrier,
      String connector,
      TaskThreads threads,
      ApplyMetrics metrics) {
    ProgressTable progress = new ProgressTable(client, connector);
    ApplyLoop apply =
        new ApplyLoop(
            new Applier(connections::open, retrier, progress),
            mirrors,
            progress,
            new ChangeFields(
                client,
                cdc.keyFields(),
                cdc.softDeletes() ? DeleteMode.SOFT : DeleteMode.HARD,
                cdc.retainChanges()),
            loader::loadedThrough,
            Executors.newSingleThreadScheduledExecutor(threads.factory("cdc-apply")),
            cdc.applyInterval(),
            cdc.applyFailuresMax(),
            connections::discard,
            metrics);
    apply.start();
    return new ChangeCapture(loader, apply, metrics);
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    loader.open(partitions);
  }

  @Override
  public boolean accepts(SinkRecord record) {
    return loader.accepts(record);
  }

  @Override
  public void write(SinkRecord record, List<byte[]> rows) {
    loader.write(record, rows);
  }

  @Override
  public void afterBatch() {
    loader.afterBatch();
    checkApply();
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> committableOffsets(
      Map<TopicPartition, OffsetAndMetadata> consumed) {
    checkApply();
    return loader.committableOffsets(consumed);
  }

  /** Fails the task once a table's applies failed floe.cdc.apply.failures.max times in a row. */
  private void checkApply() {
    FloeException failed = apply.failure();
    if (failed != null) {
      throw failed;
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    loader.close(partitions);
  }

  @Override
  public int generation(SinkRecord record) {
    return loader.generation(record);
  }

  /** The apply step first: it reads what the loader tracks. */
  @Override
  public void close() {
    try {
      apply.close();
    } finally {
      metrics.unregister();
      loader.close();
    }
  }
}
