package io.floe.connector.config;

import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * Configurations as users of the Snowflake connector (v1.x-v3.x, SNOWPIPE mode) write them, with
 * only {@code connector.class} changed. Floe must accept every one of them.
 */
final class IncumbentConfigs {
  private IncumbentConfigs() {}

  /** The shape of the example in Snowflake's "Installing and configuring" guide. */
  static Map<String, String> documentationExample() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "mykafkaconnector");
    props.put("connector.class", "io.floe.connector.SnowflakeSinkConnector");
    props.put("tasks.max", "8");
    props.put("topics", "topic1,topic2");
    props.put("snowflake.topic2table.map", "topic1:table1,topic2:table2");
    props.put("buffer.count.records", "10000");
    props.put("buffer.flush.time", "60");
    props.put("buffer.size.bytes", "5000000");
    props.put("snowflake.url.name", "myorganization-myaccount.snowflakecomputing.com:443");
    props.put("snowflake.user.name", "jane.smith");
    props.put(
        "snowflake.private.key",
        TestKeys.body(
            TestKeys.encryptedPkcs8Pem(
                TestKeys.pair().getPrivate(), PKCS8Generator.DES3_CBC, TestKeys.PASSPHRASE)));
    props.put("snowflake.private.key.passphrase", TestKeys.PASSPHRASE);
    props.put("snowflake.database.name", "mydb");
    props.put("snowflake.schema.name", "myschema");
    props.put("snowflake.role.name", "KAFKA_CONNECTOR_ROLE");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    return props;
  }

  /** Every classic-mode key the Snowflake connector defines, set to a value it accepts. */
  static Map<String, String> everyClassicKey() {
    Map<String, String> props = documentationExample();
    props.put("snowflake.authenticator", "SNOWFLAKE_JWT");
    props.put("snowflake.ingestion.method", "snowpipe");
    props.put("behavior.on.null.values", "ignore");
    props.put("snowflake.metadata.all", "true");
    props.put("snowflake.metadata.topic", "false");
    props.put("snowflake.metadata.offset.and.partition", "true");
    props.put("snowflake.metadata.createtime", "false");
    props.put("jmx", "true");
    props.put("provider", "self_hosted");
    props.put("snowflake.jdbc.map", "networkTimeout:60, tracing:INFO");
    props.put("jvm.proxy.host", "proxy.corp.example");
    props.put("jvm.proxy.port", "3128");
    props.put("jvm.nonProxy.hosts", "*.internal|localhost");
    props.put("jvm.proxy.username", "proxyuser");
    props.put("jvm.proxy.password", "proxy-secret-42");
    props.put("enable.mdc.logging", "true");
    props.put("enable.task.fail.on.authorization.errors", "true");
    props.put("snowflake.snowpipe.v2CleanerEnabled", "false");
    props.put("snowflake.snowpipe.v2CleanerThreads", "4");
    props.put("snowflake.snowpipe.v2CleanerIntervalSeconds", "120");
    props.put("snowflake.snowpipe.v1Cleaner.enable.reprocessFiles.cleanup", "false");
    props.put("snowflake.snowpipe.stageFileNameExtensionEnabled", "true");
    props.put("snowflake.test.rebalancing", "false");
    props.put("delivery.guarantee", "EXACTLY_ONCE");
    props.put("snowflake.oauth.client.id", "");
    props.put("snowflake.oauth.client.secret", "");
    props.put("snowflake.oauth.refresh.token", "");
    props.put("snowflake.enable.schematization", "false");
    props.put("snowflake.streaming.iceberg.enabled", "false");
    props.put("snowflake.streaming.metadata.connectorPushTime", "true");
    props.put("snowflake.streaming.closeChannelsInParallel.enabled", "true");
    props.put("enable.streaming.client.optimization", "false");
    props.put("errors.tolerance", "all");
    props.put("errors.log.enable", "true");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    return props;
  }
}
