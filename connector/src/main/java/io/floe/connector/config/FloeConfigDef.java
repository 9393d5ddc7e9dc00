package io.floe.connector.config;

import static io.floe.connector.config.FloeSinkConfig.BEHAVIOR_ON_NULL_VALUES;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_COUNT_RECORDS;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_FLUSH_TIME;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_SIZE_BYTES;
import static io.floe.connector.config.FloeSinkConfig.INGESTION_METHOD;
import static io.floe.connector.config.FloeSinkConfig.JMX;
import static io.floe.connector.config.FloeSinkConfig.METADATA_ALL;
import static io.floe.connector.config.FloeSinkConfig.METADATA_CREATETIME;
import static io.floe.connector.config.FloeSinkConfig.METADATA_OFFSET_AND_PARTITION;
import static io.floe.connector.config.FloeSinkConfig.METADATA_TOPIC;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_DATABASE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_JDBC_MAP;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_SCHEMA;
import static io.floe.connector.config.FloeSinkConfig.TOPIC2TABLE_MAP;

import io.floe.connector.table.TableNameResolver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines Floe's settings: documentation, group, order, display name, validator and recommender for
 * each. The Connection and Proxy groups are in {@link ConnectionConfigDef}; the Snowflake
 * connector's keys that Floe accepts without using them are in {@link CompatibilityKeys}.
 */
final class FloeConfigDef {
  static final String CONNECTION = "Connection";
  static final String TARGET = "Target";
  static final String BUFFERING = "Buffering";
  static final String METADATA = "Metadata";
  static final String BEHAVIOUR = "Behaviour";
  static final String ADVANCED = "Advanced";
  static final String PROXY = "Proxy";

  static final ChoiceValidator INGESTION_METHODS =
      ChoiceValidator.of("SNOWPIPE", "SNOWPIPE_STREAMING");
  static final ChoiceValidator NULL_VALUE_BEHAVIORS = ChoiceValidator.of("DEFAULT", "IGNORE");
  static final ChoiceValidator OFFSET_RESET_BEHAVIORS =
      ChoiceValidator.of("fail", "new_generation");

  private FloeConfigDef() {}

  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    ConnectionConfigDef.connection(def);
    target(def);
    buffering(def);
    metadata(def);
    behaviour(def);
    advanced(def);
    ConnectionConfigDef.proxy(def);
    StreamingConfigDef.define(def);
    CdcConfigDef.define(def);
    CompatibilityKeys.define(def);
    return def;
  }

  private static void target(ConfigDef def) {
    int order = 0;
    def.define(
        SNOWFLAKE_DATABASE,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Database of the target tables and of Floe's stages and pipes.",
        TARGET,
        ++order,
        Width.MEDIUM,
        "Database");
    def.define(
        SNOWFLAKE_SCHEMA,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Schema of the target tables and of Floe's stages and pipes.",
        TARGET,
        ++order,
        Width.MEDIUM,
        "Schema");
    def.define(
        TOPIC2TABLE_MAP,
        Type.STRING,
        "",
        new ParsingValidator(TableNameResolver::parse, "topic:table[,topic:table...]"),
        Importance.MEDIUM,
        "Which table each topic loads into: comma-separated topic:table pairs, e.g."
            + " orders:ORDERS,payments_.*:PAYMENTS. A topic may be a Java regular expression"
            + " (full match); tables may be qualified as schema.table or db.schema.table."
            + " A topic's table is the entry naming the topic exactly, else the first entry"
            + " whose pattern matches, else the topic name itself when it is a valid unquoted"
            + " identifier, else the topic sanitised as the Snowflake connector does (my-topic"
            + " becomes my_topic_<hash>), so switching connectors keeps the same tables."
            + " Duplicate topics and overlapping patterns are rejected; topics and tables"
            + " cannot contain ',' or ':' and quoted table names are not supported.",
        TARGET,
        ++order,
        Width.LONG,
        "Topic to table map");
    def.define(
        FloeSinkConfig.ENABLE_SCHEMATIZATION,
        Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Load each top-level field of the record value into a column of its own (named and typed as"
            + " docs/conversion.md says), beside RECORD_METADATA, instead of the whole value into"
            + " RECORD_CONTENT. Floe creates tables with ENABLE_SCHEMA_EVOLUTION = TRUE and adds a"
            + " nullable column for each new field before the record is staged (file mode) or"
            + " handed to its channel (Snowpipe Streaming, which then reopens the channel); a value"
            + " that does not fit its column's type is a broken record (errors.tolerance). Like"
            + " Snowflake's connector, Floe changes only tables with ENABLE_SCHEMA_EVOLUTION ="
            + " TRUE: on others a record needing a new column or an empty NOT NULL column is a"
            + " broken record (FLOE-4023). Both ingestion methods. An existing table needs"
            + " RECORD_METADATA VARIANT and no NOT NULL column Floe cannot fill; validate() checks"
            + " the existing tables of snowflake.topic2table.map and of the topics listed in topics"
            + " (FLOE-2010), tasks every table. Existing tables and pipes keep their layout:"
            + " switching an existing connector needs new tables.",
        TARGET,
        ++order,
        Width.SHORT,
        "Schematization");
  }

  private static void buffering(ConfigDef def) {
    int order = 0;
    def.define(
        BUFFER_COUNT_RECORDS,
        Type.LONG,
        10_000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Number of records buffered per partition before Floe writes them to a file and loads"
            + " it.",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer record count");
    def.define(
        BUFFER_SIZE_BYTES,
        Type.LONG,
        5_000_000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Size in bytes of the records buffered per partition (as uncompressed JSON) before"
            + " Floe writes them to a file and loads it.",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer size (bytes)");
    def.define(
        BUFFER_FLUSH_TIME,
        Type.LONG,
        120L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Maximum time in seconds records wait in a partition's buffer before Floe writes and"
            + " loads them. Floe accepts any value of at least 1 second, where the Snowflake"
            + " connector requires at least 10 in Snowpipe mode; smaller values lower latency"
            + " but create more, smaller files (Snowpipe bills per file).",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer flush time (s)");
    def.define(
        FloeSinkConfig.BUFFER_MEMORY_MAX_BYTES,
        Type.LONG,
        128L * 1024 * 1024,
        Range.atLeast(1024 * 1024),
        Importance.LOW,
        "Memory a task's open buffers may hold, all partitions together: their bytes on the heap"
            + " plus about 256 KB of native zlib state for each buffer past its first 32 KB. Past"
            + " it, Floe writes the largest buffers to files early (smaller files, bounded memory)"
            + " instead of letting thousands of partitions grow the heap. Files waiting for upload"
            + " (at most two per partition) come on top. See docs/deployment.md, Sizing.",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer memory cap (bytes)");
  }

  private static void metadata(ConfigDef def) {
    Map<String, String> docs =
        Map.of(
            METADATA_ALL,
            "Write RECORD_METADATA. When false, RECORD_METADATA is NULL and the other"
                + " snowflake.metadata.* settings have no effect.",
            METADATA_TOPIC,
            "Write the record's topic into RECORD_METADATA (field topic).",
            METADATA_OFFSET_AND_PARTITION,
            "Write the record's offset and partition into RECORD_METADATA (fields offset,"
                + " partition).",
            METADATA_CREATETIME,
            "Write the record's timestamp into RECORD_METADATA (field CreateTime or"
                + " LogAppendTime, by timestamp type).");
    Map<String, String> names =
        Map.of(
            METADATA_ALL, "Write metadata",
            METADATA_TOPIC, "Metadata: topic",
            METADATA_OFFSET_AND_PARTITION, "Metadata: offset and partition",
            METADATA_CREATETIME, "Metadata: timestamp");
    int order = 0;
    for (String key :
        List.of(METADATA_ALL, METADATA_TOPIC, METADATA_OFFSET_AND_PARTITION, METADATA_CREATETIME)) {
      def.define(
          key,
          Type.BOOLEAN,
          true,
          Importance.LOW,
          docs.get(key),
          METADATA,
          ++order,
          Width.SHORT,
          names.get(key));
    }
  }

  private static void behaviour(ConfigDef def) {
    int order = 0;
    def.define(
        BEHAVIOR_ON_NULL_VALUES,
        Type.STRING,
        "DEFAULT",
        NULL_VALUE_BEHAVIORS,
        Importance.LOW,
        "What to do with records whose value is null (tombstones): DEFAULT loads them with"
            + " RECORD_CONTENT = {} (as the Snowflake connector does), IGNORE skips them.",
        BEHAVIOUR,
        ++order,
        Width.SHORT,
        "Null values",
        List.of(),
        NULL_VALUE_BEHAVIORS);
    def.define(
        FloeSinkConfig.OFFSET_RESET_BEHAVIOR,
        Type.STRING,
        "fail",
        OFFSET_RESET_BEHAVIORS,
        Importance.LOW,
        "What to do when a partition's offsets restart below what Floe already staged for it (the"
            + " topic was deleted and re-created, or the data comes from another cluster), which"
            + " Floe notices when Kafka cannot resume just past the staged offsets. fail stops the"
            + " task with FLOE-3010 naming the partition. new_generation stages the new records"
            + " under a new generation of file names (g<n>_<first>_<last>.json.gz) so that they"
            + " load next to the old ones. See docs/exactly-once.md.",
        BEHAVIOUR,
        ++order,
        Width.SHORT,
        "Offsets restarted",
        List.of(),
        OFFSET_RESET_BEHAVIORS);
    def.define(
        INGESTION_METHOD,
        Type.STRING,
        "SNOWPIPE",
        INGESTION_METHODS,
        Importance.LOW,
        "How data is loaded. SNOWPIPE: files on an internal stage, loaded by Snowpipe (rows"
            + " queryable within about a minute of buffer.flush.time). SNOWPIPE_STREAMING: rows"
            + " written to a Snowpipe Streaming channel per partition, queryable within seconds"
            + " (snowflake.streaming.max.client.lag); needs snowflake.role.name. Both load exactly"
            + " once.",
        BEHAVIOUR,
        ++order,
        Width.SHORT,
        "Ingestion method",
        List.of(),
        INGESTION_METHODS);
  }

  private static void advanced(ConfigDef def) {
    int order = 0;
    def.define(
        JMX,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Register Floe's metrics as JMX MBeans.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "JMX metrics");
    def.define(
        SNOWFLAKE_JDBC_MAP,
        // PASSWORD so Kafka logs, and the REST API shows, the value as [hidden]: it can carry
        // secrets such as proxyPassword.
        Type.PASSWORD,
        "",
        new ParsingValidator(JdbcProperties::parse, "key:value[,key:value...]"),
        Importance.LOW,
        "Extra Snowflake JDBC connection properties as comma-separated key:value pairs, e.g."
            + " networkTimeout:60,tracing:INFO. Properties Floe derives from its other settings"
            + " (user, account, database, schema, role, authentication, ssl, and the proxy when"
            + " jvm.proxy.host is set) cannot be given here.",
        ADVANCED,
        ++order,
        Width.LONG,
        "JDBC properties");
    def.define(
        FloeSinkConfig.LOAD_TRACKING_INTERVAL,
        Type.LONG,
        10_000L,
        Range.between(100L, 600_000L),
        Importance.LOW,
        "How often, in milliseconds, each task asks Snowpipe which of its files have loaded, to"
            + " remove loaded files from the stage and move failed ones to the table stage."
            + " Snowflake rate-limits these calls per pipe; the default keeps far below the limit.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "Load tracking interval (ms)");
    def.define(
        FloeSinkConfig.TABLE_FAILURES_MAX,
        Type.INT,
        3,
        Range.between(1, 1000),
        Importance.LOW,
        "How many files of one table may fail to load in a row for a reason other than their"
            + " data (the table was dropped, a NOT NULL column was added, a privilege was revoked)"
            + " before the task fails with FLOE-3030. Such files are never moved to the table"
            + " stage: they stay on Floe's stage under a retry name and load once a file of the"
            + " table loads again or the task restarts. A file that fails on its data (JSON"
            + " Snowflake cannot parse) moves to the table stage (FLOE-3003) and does not count.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "Table load failures before the task fails");
    def.define(
        FloeSinkConfig.UPLOAD_THREADS,
        Type.INT,
        2,
        Range.between(1, 32),
        Importance.LOW,
        "Threads per task that upload files to the stage, so put() does not wait for the network."
            + " A partition's files are always uploaded one after the other.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "Upload threads");
    def.define(
        FloeSinkConfig.MAX_RECORD_BYTES,
        Type.INT,
        FloeSinkConfig.SNOWFLAKE_VARIANT_LIMIT,
        Range.between(1024, FloeSinkConfig.SNOWFLAKE_VARIANT_LIMIT),
        Importance.LOW,
        "The largest row, in bytes of its staged JSON line (RECORD_METADATA and RECORD_CONTENT"
            + " together), that Floe loads. A larger record is broken (FLOE-4012) and goes where"
            + " broken records go, instead of failing the whole file it would be loaded with."
            + " The default is Snowflake's documented VARIANT limit, 128 MB; set 16777216 for an"
            + " account that still has the older 16 MB limit.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "Maximum record size (bytes)");
  }
}
