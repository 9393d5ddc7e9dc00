package io.floe.connector.loading;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.table.TableManager;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Wires a task's {@link Loader} to the collaborators it drives. */
public final class LoaderFactory {
  /**
   * How long close() waits for a revoked partition's uploads: it runs in the consumer's rebalance
   * callback, which must end within max.poll.interval.ms (5 minutes by default).
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private LoaderFactory() {}

  /**
   * Builds a task's loader and the collaborators it drives; closes what it started if a later step
   * fails, so a task that cannot start leaves no threads behind.
   */
  public static Loader create(
      LoadingSettings settings,
      SnowflakeClient client,
      SnowpipeClient snowpipe,
      TableManager tables,
      Function<String, ObjectRef> tableForTopic,
      SinkTaskContext context,
      TaskMetrics metrics,
      TaskThreads threads,
      Clock clock) {
    LoadTracker tracker =
        new LoadTracker(
            client,
            snowpipe,
            settings.connectorName(),
            metrics,
            clock,
            settings.statusTimeout(),
            settings.historyLookback(),
            // A few tracking rounds: long enough for a busy partition's next file to arrive.
            settings.trackInterval().multipliedBy(3),
            settings.tableFailuresMax());
    Recovery recovery =
        new Recovery(client, snowpipe, settings.connectorName(), clock, settings.historyLookback());
    Ownership ownership = new Ownership();
    Uploader uploader = new Uploader(client, settings.uploadThreads(), metrics, threads, ownership);
    Submitter submitter = null;
    ScheduledExecutorService trackerThread = null;
    try {
      submitter = new Submitter(snowpipe, tracker, metrics, threads, ownership);
      submitter.start();
      trackerThread = Executors.newSingleThreadScheduledExecutor(threads.factory("load-tracker"));
      Takeover takeover =
          new Takeover(
              tables, tableForTopic, recovery, tracker, submitter, settings.flushPolicy(), metrics);
      return new Loader(
          settings,
          context,
          metrics,
          clock,
          uploader,
          tracker,
          takeover,
          submitter,
          ownership,
          CLOSE_TIMEOUT,
          trackerThread,
          new Writers(takeover, tables, tableForTopic));
    } catch (RuntimeException | Error e) {
      if (trackerThread != null) {
        trackerThread.shutdownNow();
      }
      if (submitter != null) {
        submitter.close();
      }
      uploader.close();
      throw e;
    }
  }
}
