package io.floe.connector.loading;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.config.OffsetResetBehavior;
import io.floe.connector.conversion.RecordOrigin;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableObjects;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a task's records into Snowflake: per-partition buffers become gzip'd files, uploaded in the
 * background, submitted to Snowpipe in batches, and committed to Kafka only once submitted. The
 * task calls it from its own thread only.
 */
public final class Loader implements Ingestion {
  private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

  private final LoadingSettings settings;
  private final SinkTaskContext context;
  private final TaskMetrics metrics;
  private final Clock clock;
  private final Uploader uploader;
  private final LoadTracker tracker;
  private final Takeover takeover;
  private final Ownership ownership;
  private final Duration closeTimeout;
  private final Submitter submitter;
  private final ScheduledExecutorService trackerThread;
  private final Writers writers;

  /** The writer found last: a batch's records come in runs of one partition. */
  private PartitionWriter last;

  private String lastTopic;

  private final MemoryCap memory;

  /**
   * Collaborators injected ({@link LoaderFactory} builds them for a task; tests drive takeover,
   * submission and tracking directly).
   */
  Loader(
      LoadingSettings settings,
      SinkTaskContext context,
      TaskMetrics metrics,
      Clock clock,
      Uploader uploader,
      LoadTracker tracker,
      Takeover takeover,
      Submitter submitter,
      Ownership ownership,
      Duration closeTimeout,
      ScheduledExecutorService trackerThread,
      Writers writers) {
    this.ownership = ownership;
    this.closeTimeout = closeTimeout;
    this.settings = settings;
    this.context = context;
    this.metrics = metrics;
    this.clock = clock;
    this.memory = new MemoryCap(settings.bufferMemoryMax());
    this.uploader = uploader;
    this.tracker = tracker;
    this.takeover = takeover;
    this.submitter = submitter;
    this.trackerThread = trackerThread;
    this.writers = writers;
    long every = settings.trackInterval().toMillis();
    trackerThread.scheduleWithFixedDelay(tracker::poll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes over partitions: prepares their tables, recovers how far each was staged, resubmits
   * staged files Snowpipe may not have seen, and seeks Kafka past what is staged. With transforms
   * that rename topics, all that waits for each table's first record ({@link Writers}).
   */
  public void open(Collection<TopicPartition> partitions) {
    last = null; // writers change
    Map<TopicPartition, Long> seekTo = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      writers.opened(tp);
      ownership.take(tp);
    }
    // With transforms that rename topics, tables are known from records only: Kafka resumes at
    // its committed offset, below which every table of a partition has staged everything.
    List<PartitionWriter> started =
        settings.topicsRenamed() ? List.of() : takeover.open(partitions);
    for (PartitionWriter w : started) {
      writers.add(w);
      long resumeAt = w.resume().resumeAt();
      if (resumeAt >= 0) {
        seekTo.put(w.partition(), resumeAt);
      }
    }
    if (!seekTo.isEmpty()) {
      if (seekTo.size() <= 20) {
        LOG.info("Resuming after the offsets already staged in Snowflake: {}", seekTo);
      } else {
        // One line per rebalance, not a 30 KB one at 1,000 partitions.
        LOG.info(
            "Resuming {} partitions after the offsets already staged in Snowflake (DEBUG lists"
                + " them)",
            seekTo.size());
        LOG.debug("Resuming after the offsets already staged in Snowflake: {}", seekTo);
      }
      context.offset(seekTo);
    }
  }

  /**
   * True for a record to convert and write; false for one already staged (delivered again after a
   * restart or rebalance, or before Floe's seek took effect), which is dropped. Fails the task, or
   * starts a new generation of file names, when the partition's offsets restarted below what is
   * staged ({@code floe.offset.reset.behavior}).
   */
  public boolean accepts(SinkRecord record) {
    PartitionWriter w = writer(record);
    TopicPartition tp = w.partition();
    ResumeCheck check = w.resume();
    long offset = RecordOrigin.offset(record);
    switch (check.check(offset)) {
      case DROP:
        return false;
      case SEEK_AGAIN:
        LOG.info(
            "{}: offset {} is below {}, where Floe resumes; asking Kafka to seek there again",
            tp,
            offset,
            check.resumeAt());
        context.offset(tp, check.resumeAt());
        return false;
      case RESTARTED:
        offsetsRestarted(w, check.resumeAt(), offset);
        return true;
      case ACCEPT:
      default:
        return w.accepts(offset);
    }
  }

  private void offsetsRestarted(PartitionWriter w, long resumeAt, long offset) {
    TopicPartition tp = w.partition();
    String what =
        String.format(
            "Topic %s, partition %d: Floe's files on stage %s cover offsets up to %d (generation"
                + " %d), so Floe asked Kafka to resume at offset %d, but Kafka delivered offset %d"
                + " after that seek.",
            tp.topic(),
            tp.partition(),
            w.objects().namedStage(),
            resumeAt - 1,
            w.generation(),
            resumeAt,
            offset);
    if (settings.offsetResetBehavior() == OffsetResetBehavior.FAIL) {
      throw new FloeException(ErrorCode.FLOE_3010, what);
    }
    w.startNextGeneration();
    LOG.warn(
        "{} {} floe.offset.reset.behavior=new_generation: staging offset {} onwards under"
            + " generation {} of file names ({}{}<first>_<last>.json.gz).",
        ErrorCode.FLOE_3010.id(),
        what,
        offset,
        w.generation(),
        FileNames.prefix(tp),
        FileNames.generationMark(w.generation()));
  }

  /** The generation of file names a record's file gets (it names broken records too). */
  public int generation(SinkRecord record) {
    return writer(record).generation();
  }

  /** The record's writer, without a lookup per record while its partition and topic repeat. */
  private PartitionWriter writer(SinkRecord record) {
    PartitionWriter w = last;
    if (w == null
        || w.partition().partition() != RecordOrigin.partition(record)
        || !w.partition().topic().equals(RecordOrigin.topic(record))
        || !record.topic().equals(lastTopic)) {
      w = writers.of(record, RecordOrigin.topicPartition(record));
      last = w;
      lastTopic = record.topic();
    }
    return w;
  }

  /**
   * Buffers one record's rows (an empty list for a record that produces none, e.g. an ignored
   * tombstone, so that its offset still counts as done). Only for a record {@link #accepts}
   * accepted.
   */
  public void write(SinkRecord record, List<byte[]> rows) {
    PartitionWriter w = writer(record);
    long offset = RecordOrigin.offset(record);
    if (!w.accepts(offset)) {
      return;
    }
    if (rows.isEmpty()) {
      metrics.recordSkipped();
    } else {
      metrics.recordsWritten(1);
    }
    long before = w.bufferMemory();
    SealedFile sealed = w.add(offset, rows, clock.millis() * 1_000_000L);
    if (sealed != null) {
      dispatch(w, sealed);
    }
    if (memory.changed(w.bufferMemory() - before)) {
      for (PartitionWriter largest : memory.toSeal(writers.all())) {
        metrics.bufferSealedEarly();
        dispatch(largest, largest.seal());
      }
    }
  }

  /** Called after every put() and before every commit: time flushes, submissions, failures. */
  public void afterBatch() {
    long now = clock.millis() * 1_000_000L;
    for (PartitionWriter w : writers.all()) {
      w.resume().batchEnded();
      SealedFile sealed = w.sealIfDue(now);
      if (sealed != null) {
        dispatch(w, sealed);
      }
      w.committable().ifPresent(c -> tracker.submitted(w.objects(), w.partition(), c));
    }
    checkFailures();
    publishMetrics();
  }

  /** Gauges for JMX, from the task thread that owns the writers. */
  private void publishMetrics() {
    long records = 0;
    long bytes = 0;
    long memoryHeld = 0;
    int waiting = 0;
    for (TopicPartition tp : writers.partitions()) {
      // A partition feeding several tables (renaming transforms) shows the furthest consumed,
      // the lowest committable and the largest lag of its writers.
      long consumed = -1;
      long committable = Long.MAX_VALUE;
      long lag = 0;
      for (PartitionWriter w : writers.of(tp)) {
        PartitionBuffer b = w.openBuffer();
        if (b != null) {
          records += b.records();
          bytes += b.uncompressedBytes();
          memoryHeld += b.memoryBytes();
        }
        waiting += w.filesWaiting();
        consumed = Math.max(consumed, w.consumed());
        committable = Math.min(committable, w.committableOffset());
        lag = Math.max(lag, w.lag());
      }
      if (committable != Long.MAX_VALUE) {
        metrics.partition(tp, consumed, committable, lag);
      }
    }
    metrics.buffers(new TaskMetrics.Buffers(records, bytes, memoryHeld, waiting));
    memory.measured(memoryHeld);
  }

  /**
   * Offsets Kafka may commit: only what is staged and submitted to Snowpipe. {@code consumed} is
   * what Connect consumed per partition, including records that never reached put() (dropped by a
   * transform, or by the worker's errors.tolerance): once everything the task was handed is staged
   * and submitted, those are done too, so a partition whose last records are all skipped does not
   * lag forever.
   */
  public Map<TopicPartition, OffsetAndMetadata> committableOffsets(
      Map<TopicPartition, OffsetAndMetadata> consumed) {
    afterBatch();
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (TopicPartition tp : writers.partitions()) {
      long offset = writers.committable(tp, consumed.get(tp));
      if (offset >= 0) {
        out.put(tp, new OffsetAndMetadata(offset));
      }
    }
    publishMetrics(); // again: the offsets just settled
    return out;
  }

  /**
   * Per table and opened partition, the highest offset through which every file has loaded into the
   * table (not merely been submitted): safe to read from any thread. Change data capture applies
   * changes up to it, so no earlier change of a key is still on its way through Snowpipe.
   */
  public Map<ObjectRef, Map<TopicPartition, Long>> loadedThrough() {
    return tracker.loadedThrough();
  }

  /**
   * Gives partitions up. Unflushed records are dropped — they are not committed, so the next owner
   * reads them again — but uploads already under way finish first (for up to 30 s), so that the
   * next owner's recovery sees every file this task staged. After it, this task neither uploads nor
   * submits anything of these partitions: an upload still under way is not submitted.
   */
  public void close(Collection<TopicPartition> partitions) {
    last = null; // writers change
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (TopicPartition tp : partitions) {
      if (!writers.isOpen(tp)) {
        continue;
      }
      writers.of(tp).forEach(PartitionWriter::discardBuffer);
      if (!uploader.drain(tp, Duration.ofNanos(deadline - System.nanoTime()))) {
        LOG.warn(
            "{}: uploads still under way {} after the partition was revoked; they will not be"
                + " submitted (their records are not committed, so the partition's next owner"
                + " stages them again)",
            tp,
            closeTimeout);
      }
    }
    try {
      submitter.submitPending();
    } finally {
      // From here on no upload or submission of these partitions starts, however late it is.
      submitter.release(partitions);
      for (TopicPartition tp : partitions) {
        writers.closed(tp);
        tracker.forget(tp);
        metrics.partitionClosed(tp);
      }
    }
  }

  private void dispatch(PartitionWriter w, SealedFile file) {
    // Bound memory: while an older file of this partition is still uploading, the new one waits
    // here, so at most two sealed files per partition are held.
    SealedFile older = w.oldestUploading();
    if (older != null && older != file) {
      await(older);
    }
    TableObjects objects = w.objects();
    long epoch = ownership.current(w.partition());
    uploader.upload(
        file, objects.namedStage(), epoch, () -> submitter.uploaded(objects, file, epoch));
  }

  /** Surfaces a failed upload or submission on the task thread, which fails the task. */
  private void checkFailures() {
    for (PartitionWriter w : writers.all()) {
      SealedFile oldest = w.oldestUploading();
      if (oldest != null && oldest.upload.isCompletedExceptionally()) {
        await(oldest);
      }
    }
    RuntimeException failed = submitter.failure();
    if (failed == null) {
      failed = tracker.failure();
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Waits for an upload; its failure fails the task (the next start recovers from Snowflake). */
  private static void await(SealedFile file) {
    try {
      file.upload.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof FloeException fe) {
        throw fe;
      }
      throw new FloeException(ErrorCode.FLOE_3001, "file " + file, cause);
    }
  }

  @Override
  public void close() {
    trackerThread.shutdownNow();
    try {
      // Let a round under way finish: the next owner of these partitions reads the stage, and a
      // tracker still moving files there would race its recovery.
      trackerThread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      close(writers.partitions());
    } finally {
      submitter.close();
      uploader.close();
    }
  }
}
