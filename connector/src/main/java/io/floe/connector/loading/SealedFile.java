package io.floe.connector.loading;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition's file between sealing and submission. {@code bytes} is null for a range whose
 * records produced no rows (all skipped or sent elsewhere): nothing to stage, but the range still
 * counts as done for offset commits.
 */
final class SealedFile {
  enum State {
    SEALED,
    UPLOADED,
    SUBMITTED
  }

  final TopicPartition partition;
  final int generation;
  final long first;
  final long last;
  final long rows;
  final String path;
  private byte[] bytes;
  private final int size;
  final CompletableFuture<Void> upload = new CompletableFuture<>();
  private volatile State state;

  SealedFile(
      TopicPartition partition, int generation, long first, long last, long rows, byte[] bytes) {
    this.partition = partition;
    this.generation = generation;
    this.first = first;
    this.last = last;
    this.rows = rows;
    this.bytes = bytes;
    this.size = bytes == null ? 0 : bytes.length;
    this.path = FileNames.path(partition, generation, first, last);
    this.state = bytes == null ? State.SUBMITTED : State.SEALED;
    if (bytes == null) {
      upload.complete(null);
    }
  }

  FileNames.Range range() {
    return new FileNames.Range(generation, first, last);
  }

  boolean hasData() {
    return size > 0;
  }

  int size() {
    return size;
  }

  State state() {
    return state;
  }

  /** The bytes to upload; released once uploaded so a slow submission holds no memory. */
  synchronized byte[] bytes() {
    return bytes;
  }

  synchronized void uploaded() {
    bytes = null;
    state = State.UPLOADED;
    upload.complete(null);
  }

  void submitted() {
    state = State.SUBMITTED;
  }

  @Override
  public String toString() {
    return path;
  }
}
