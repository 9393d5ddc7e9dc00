package io.floe.connector.loading;

import io.floe.connector.conversion.ConvertedRecord;
import io.floe.connector.conversion.RecordOrigin;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.table.TableObjects;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record that cannot be converted, following Kafka Connect's error settings: with
 * {@code errors.tolerance=none} the task fails naming topic, partition and offset; with {@code all}
 * and a dead-letter queue the record goes there through the {@link ErrantRecordReporter}; with
 * {@code all} and no DLQ its raw bytes are kept on the table's stage. Never dropped silently.
 */
public final class BrokenRecords {
  private static final Logger LOG = LoggerFactory.getLogger(BrokenRecords.class);

  /** How Connect's errors.* settings ask us to treat bad records. */
  public enum Mode {
    FAIL,
    DEAD_LETTER_QUEUE,
    TABLE_STAGE
  }

  private final Mode mode;
  private final ErrantRecordReporter reporter;
  private final SnowflakeClient client;
  private final Function<String, TableObjects> objectsForTopic;
  private final String connector;
  private final ToIntFunction<SinkRecord> generationOf;
  private final TaskMetrics metrics;

  public BrokenRecords(
      Mode mode,
      ErrantRecordReporter reporter,
      SnowflakeClient client,
      Function<String, TableObjects> objectsForTopic,
      String connector,
      ToIntFunction<SinkRecord> generationOf,
      TaskMetrics metrics) {
    this.mode = mode;
    this.reporter = reporter;
    this.client = client;
    this.objectsForTopic = objectsForTopic;
    this.connector = connector;
    this.generationOf = generationOf;
    this.metrics = metrics;
  }

  /** Picks the mode from the connector's errors.tolerance and DLQ topic settings. */
  public static Mode mode(String tolerance, String deadLetterTopic, boolean reporterAvailable) {
    if (!"all".equalsIgnoreCase(tolerance == null ? "none" : tolerance.trim())) {
      return Mode.FAIL;
    }
    boolean dlq = deadLetterTopic != null && !deadLetterTopic.isBlank();
    return dlq && reporterAvailable ? Mode.DEAD_LETTER_QUEUE : Mode.TABLE_STAGE;
  }

  public void handle(SinkRecord record, ConvertedRecord.Broken broken) {
    metrics.brokenRecord();
    switch (mode) {
      case FAIL -> throw broken.error();
      case DEAD_LETTER_QUEUE -> toDeadLetterQueue(record, broken);
      case TABLE_STAGE -> toTableStage(record, broken);
      default -> throw new IllegalStateException(mode.toString());
    }
  }

  private void toDeadLetterQueue(SinkRecord record, ConvertedRecord.Broken broken) {
    Future<Void> sent = reporter.report(record, broken.error());
    LOG.warn("{} — sent to the dead-letter queue.", broken.error().getMessage());
    try {
      // Waiting keeps the guarantee simple: once put() returns, the record is in the DLQ, so a
      // later commit can never skip a record that was not delivered anywhere.
      sent.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while writing to the dead-letter queue", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException(
          "Could not write a broken record to the dead-letter queue: " + broken.error(), e);
    }
  }

  private void toTableStage(SinkRecord record, ConvertedRecord.Broken broken) {
    // Named by the partition and offset the record was read from, kept with the table of its
    // (possibly renamed) topic.
    TopicPartition tp = RecordOrigin.topicPartition(record);
    TableObjects objects = objectsForTopic.apply(record.topic());
    String prefix = FileNames.brokenPrefix(connector, tp);
    String dir = prefix.substring(0, prefix.length() - 1);
    // The generation keeps a re-created topic's offsets from overwriting the old topic's files.
    String offset =
        FileNames.generationMark(generationOf.applyAsInt(record)) + RecordOrigin.offset(record);
    if (broken.rawKey() != null) {
      client.upload(objects.tableStage(), dir, offset + ".key", broken.rawKey());
    }
    if (broken.rawValue() != null) {
      client.upload(objects.tableStage(), dir, offset + ".value", broken.rawValue());
    }
    // Community converters keep no bytes: keep what Connect handed us, described as text.
    String description =
        broken.error().getMessage()
            + "\nkey: "
            + record.key()
            + "\nvalue: "
            + record.value()
            + "\n";
    client.upload(
        objects.tableStage(),
        dir,
        offset + ".reason.txt",
        description.getBytes(StandardCharsets.UTF_8));
    LOG.warn(
        "{} — kept on {} under {}{}.*",
        broken.error().getMessage(),
        objects.tableStage(),
        prefix,
        offset);
  }
}
