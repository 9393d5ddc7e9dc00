package io.floe.connector.loading;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.table.TableObjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits uploaded files to Snowpipe as soon as they are on the stage, in batches: whatever was
 * uploaded while the previous request was in flight goes in the next one, one request per pipe.
 * Runs on its own thread so that loading does not wait for the task's next put(); the task thread
 * may also submit (on close) — both go through one lock, so no file is submitted twice.
 */
final class Submitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

  private final SnowpipeClient snowpipe;
  private final LoadTracker tracker;
  private final TaskMetrics metrics;
  private final Ownership ownership;
  private final LinkedBlockingQueue<Uploaded> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean closed;

  Submitter(
      SnowpipeClient snowpipe,
      LoadTracker tracker,
      TaskMetrics metrics,
      TaskThreads threads,
      Ownership ownership) {
    this.snowpipe = snowpipe;
    this.ownership = ownership;
    this.tracker = tracker;
    this.metrics = metrics;
    this.thread = threads.newThread(this::run, "submit");
  }

  /** Starts submitting in the background (without it, only {@link #submitPending} submits). */
  void start() {
    thread.start();
  }

  /**
   * Called by upload threads once a file is on the stage; {@code epoch} is the partition's
   * ownership the file was written under.
   */
  void uploaded(TableObjects objects, SealedFile file, long epoch) {
    queue.add(new Uploaded(objects, file, epoch));
  }

  /**
   * Ends the task's ownership of partitions: once this returns, no submission of theirs is under
   * way (it waits for one in flight) and none follows, whatever upload finishes later.
   */
  synchronized void release(Collection<TopicPartition> partitions) {
    partitions.forEach(ownership::release);
  }

  /** The first submission failure, to be rethrown on the task thread (which fails the task). */
  RuntimeException failure() {
    return failure;
  }

  /**
   * Submits everything uploaded so far, now, on the calling thread. Each pipe's files go in their
   * own request: when one pipe fails (dropped, or Snowpipe refuses it), the others' files are still
   * submitted, and the failed pipe's files stay queued, uncommitted, for the next attempt; the
   * first failure is thrown once every pipe was tried.
   */
  synchronized void submitPending() {
    List<Uploaded> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    Map<TableObjects, List<Uploaded>> byPipe = new LinkedHashMap<>();
    for (Uploaded u : batch) {
      if (ownership.owns(u.file.partition, u.epoch)) {
        byPipe.computeIfAbsent(u.objects, o -> new ArrayList<>()).add(u);
      } else {
        // Uploaded after its partition was closed: the next owner's recovery did not see it (or
        // will find it on the stage), so submitting it here could load its records twice.
        LOG.info("Not submitting {}: its partition was closed", u.file);
      }
    }
    RuntimeException failed = null;
    for (Map.Entry<TableObjects, List<Uploaded>> e : byPipe.entrySet()) {
      try {
        submit(e.getKey(), e.getValue().stream().map(Uploaded::file).toList());
      } catch (RuntimeException ex) {
        queue.addAll(e.getValue());
        if (failed == null) {
          failed = ex;
        } else {
          failed.addSuppressed(ex);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private void submit(TableObjects objects, List<SealedFile> files) {
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.path));
    // Tracked before they are submitted: a load event that the tracker reads between the two
    // would otherwise match no file, and the file would wait for the history lookup instead.
    for (SealedFile f : files) {
      tracker.track(objects, f.partition, f.path, f.range());
    }
    try {
      snowpipe.insertFiles(objects.pipe(), paths);
    } catch (RuntimeException e) {
      paths.forEach(path -> tracker.untrack(objects, path));
      throw e;
    }
    files.forEach(SealedFile::submitted);
    metrics.filesSubmitted(paths.size());
  }

  /**
   * Submits files recovery found staged with no known outcome (on the task thread, in open()). One
   * request per pipe for all of a round's partitions; the client splits it within Snowpipe's
   * per-request limit.
   */
  void resubmit(ObjectRef pipe, List<String> paths) {
    snowpipe.insertFiles(pipe, paths);
  }

  private void run() {
    while (!closed) {
      try {
        Uploaded first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        // Back into the queue, so that a submitPending() on the task thread (close) that wins the
        // lock submits it too: every uploaded file stays visible until one lock holder sends it.
        queue.add(first);
        submitPending();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
        LOG.error("Submitting files to Snowpipe failed: {}", e.getMessage());
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private record Uploaded(TableObjects objects, SealedFile file, long epoch) {}
}
