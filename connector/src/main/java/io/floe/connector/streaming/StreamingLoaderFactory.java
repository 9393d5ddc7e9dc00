package io.floe.connector.streaming;

import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.TaskMetrics;
import io.floe.connector.loading.TaskThreads;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SessionSettings;
import io.floe.connector.table.schema.TableSchema;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Wires a task's {@link StreamingLoader} to the ingest SDK's client. */
public final class StreamingLoaderFactory {
  private StreamingLoaderFactory() {}

  /**
   * A loader over the SDK's client for this task: its own client, or the connector's shared one in
   * this worker ({@code enable.streaming.client.optimization}).
   *
   * @param threads names the threads that open channels after the connector and task
   * @param schemas with snowflake.enable.schematization, each table's columns; else null
   */
  public static StreamingLoader create(
      StreamingSettings settings,
      SessionSettings session,
      String task,
      Function<String, ObjectRef> tableForTopic,
      Consumer<ObjectRef> ensureTable,
      SinkTaskContext context,
      BrokenRecords broken,
      TaskMetrics metrics,
      TaskThreads threads,
      Function<ObjectRef, TableSchema> schemas) {
    String name = "FLOE_" + settings.connectorName() + (settings.sharedClient() ? "" : "_" + task);
    StreamingClients.Key key =
        new StreamingClients.Key(
            name,
            StreamingClients.properties(session),
            StreamingClients.parameters(
                settings.maxClientLagSeconds(), settings.maxMemoryBytes(), settings.overrides()));
    StreamingClients.Lease lease =
        StreamingClients.lease(key, settings.sharedClient(), settings.closeTimeout());
    return new StreamingLoader(
        settings,
        new SdkChannels(lease),
        tableForTopic,
        ensureTable,
        context,
        broken,
        metrics,
        System::nanoTime,
        new ChannelOpens(threads.factory("channel-open"), ChannelOpens.PARALLELISM),
        schemas);
  }
}
