package io.floe.connector.loading;

import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import io.floe.connector.table.TableObjects;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * What the {@link LoadTracker} follows of one pipe: its submitted files not yet purged, each
 * partition's marker, markers to delete, statuses recovery found, and insertReport's mark. Written
 * by the task thread (new files) and the tracker's thread, hence the concurrent collections.
 */
final class PipeFiles {
  final TableObjects objects;
  final Map<String, Tracked> files = new ConcurrentHashMap<>();
  final Map<TopicPartition, Marker> markers = new ConcurrentHashMap<>();
  final Queue<String> staleMarkers = new ConcurrentLinkedQueue<>();
  final Queue<FileStatus> known = new ConcurrentLinkedQueue<>();
  volatile String beginMark;

  PipeFiles(TableObjects objects) {
    this.objects = objects;
  }

  record Marker(String path, FileNames.Range range) {}

  static final class Tracked {
    final TopicPartition tp;
    final String path;
    final FileNames.Range range;
    final Instant since;
    volatile boolean loaded;
    volatile Instant loadedAt;

    Tracked(TopicPartition tp, String path, FileNames.Range range, Instant since) {
      this.tp = tp;
      this.path = path;
      this.range = range;
      this.since = since;
    }

    void loaded(Instant at) {
      loadedAt = at;
      loaded = true;
    }
  }
}
