package io.floe.connector.loading;

import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.Stage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads sealed files on a small thread pool so put() is not held up by the network. A partition's
 * files go up one after another, in offset order: the newest file on the stage is then always the
 * partition's high-water mark, which is what recovery reads after a crash.
 */
final class Uploader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  private final SnowflakeClient client;
  private final TaskMetrics metrics;
  private final Ownership ownership;
  private final ExecutorService executor;
  private final Map<TopicPartition, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

  Uploader(
      SnowflakeClient client,
      int threads,
      TaskMetrics metrics,
      TaskThreads taskThreads,
      Ownership ownership) {
    this.client = client;
    this.metrics = metrics;
    this.ownership = ownership;
    this.executor = Executors.newFixedThreadPool(threads, taskThreads.factory("upload"));
  }

  /**
   * Queues the file behind the partition's earlier uploads; {@code then} runs on the upload thread
   * once the file is on the stage. A file whose turn comes after its partition was closed
   * (ownership {@code epoch} ended) is not uploaded.
   */
  void upload(SealedFile file, Stage stage, long epoch, Runnable then) {
    if (!file.hasData()) {
      return;
    }
    CompletableFuture<Void> previous =
        chains.getOrDefault(file.partition, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> next =
        previous.thenRunAsync(
            () -> {
              if (!ownership.owns(file.partition, epoch)) {
                LOG.info("Not uploading {}: its partition was closed", file);
                file.upload.cancel(false);
                return;
              }
              String prefix = FileNames.prefix(file.partition);
              client.upload(
                  stage,
                  prefix.substring(0, prefix.length() - 1),
                  FileNames.dataFile(file.generation, file.first, file.last),
                  file.bytes());
              metrics.fileStaged(file.size());
              file.uploaded();
              then.run();
            },
            executor);
    next.whenComplete(
        (ok, error) -> {
          if (error != null) {
            file.upload.completeExceptionally(error);
          }
        });
    chains.put(file.partition, next);
  }

  /**
   * Waits until every upload queued for the partition has finished (or failed), for at most {@code
   * timeout}; false when some are still under way.
   */
  boolean drain(TopicPartition partition, Duration timeout) {
    CompletableFuture<Void> last = chains.remove(partition);
    if (last == null) {
      return true;
    }
    try {
      last.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | CancellationException e) {
      // the failure is reported through the file's own future
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
