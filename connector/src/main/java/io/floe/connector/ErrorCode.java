package io.floe.connector;

/**
 * Floe's numbered errors. Each names what went wrong and the remedy; docs/errors.md lists them all
 * (a test keeps the two in step). Ranges: 0xxx configuration, 1xxx connection and authentication,
 * 2xxx tables, stages and pipes, 3xxx staging and Snowpipe ingestion, 4xxx record conversion, 5xxx
 * task runtime.
 */
public enum ErrorCode {
  // ---- 0xxx configuration -------------------------------------------------------------------
  FLOE_0001(
      1,
      "snowflake.url.name is not a valid Snowflake account URL.",
      "Set snowflake.url.name to your account URL, for example"
          + " myorg-myaccount.snowflakecomputing.com or"
          + " https://xy12345.eu-west-1.snowflakecomputing.com:443."),
  FLOE_0002(
      2,
      "The Snowflake account name cannot be derived from snowflake.url.name.",
      "Set snowflake.account.name to the account identifier (for example MYORG-MYACCOUNT or"
          + " XY12345), or use the account's *.snowflakecomputing.com URL."),
  FLOE_0003(
      3,
      "snowflake.private.key is not a readable private key.",
      "Set snowflake.private.key to the contents of the PKCS#8 PEM file (with or without the"
          + " BEGIN/END lines), e.g. the output of"
          + " `openssl pkcs8 -topk8 -inform PEM -in rsa_key.pem -nocrypt`."),
  FLOE_0004(
      4,
      "snowflake.private.key is not an RSA key.",
      "Snowflake key-pair authentication needs an RSA key of at least 2048 bits; generate one"
          + " with `openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -nocrypt`."),
  FLOE_0005(
      5,
      "snowflake.private.key is encrypted but snowflake.private.key.passphrase is not set.",
      "Set snowflake.private.key.passphrase to the passphrase used to encrypt the key."),
  FLOE_0006(
      6,
      "snowflake.private.key cannot be decrypted with snowflake.private.key.passphrase.",
      "Check that snowflake.private.key.passphrase is the passphrase the key was encrypted"
          + " with, and that snowflake.private.key is the matching encrypted key."),
  FLOE_0007(
      7,
      "snowflake.authenticator is not supported.",
      "Set snowflake.authenticator to snowflake_jwt (key pair, with snowflake.private.key) or"
          + " oauth (with snowflake.oauth.client.id, snowflake.oauth.client.secret and"
          + " snowflake.oauth.refresh.token), or remove it for snowflake_jwt."),
  FLOE_0009(
      9,
      "An entry of snowflake.topic2table.map is not a topic:table pair.",
      "Write the map as comma-separated topic:table pairs, for example"
          + " orders:ORDERS,payments:PAYMENTS."),
  FLOE_0010(
      10,
      "A table name in snowflake.topic2table.map is not a valid unquoted Snowflake identifier.",
      "Use table, schema.table or database.schema.table, where each part starts with a letter"
          + " or _ and contains only letters, digits, _ and $ (quoted names are not supported)."),
  FLOE_0011(
      11,
      "A topic appears more than once in snowflake.topic2table.map.",
      "Keep one entry per topic; to load several topics into one table, give each topic its"
          + " own entry with the same table."),
  FLOE_0012(
      12,
      "Two topic patterns in snowflake.topic2table.map overlap.",
      "Make the patterns disjoint so that each topic matches at most one entry, or list the"
          + " overlapping topics by name."),
  FLOE_0013(
      13,
      "A topic in snowflake.topic2table.map is not a valid Java regular expression.",
      "Use a topic name or a valid Java regular expression such as orders_.* as the topic"
          + " part of the entry."),
  FLOE_0014(
      14,
      "snowflake.jdbc.map is not valid.",
      "Write snowflake.jdbc.map as comma-separated key:value JDBC properties, for example"
          + " networkTimeout:60,tracing:INFO, and do not repeat properties that Floe sets from"
          + " its other settings."),
  FLOE_0015(
      15,
      "The proxy settings are incomplete.",
      "Set jvm.proxy.host together with jvm.proxy.port, and jvm.proxy.username together with"
          + " jvm.proxy.password, or remove them."),
  FLOE_0016(
      16,
      "The setting needs Snowpipe Streaming, which Floe does not support yet.",
      "Remove the setting or set it to false; Floe loads RECORD_METADATA and RECORD_CONTENT"
          + " through classic Snowpipe."),
  FLOE_0017(
      17,
      "A setting has an empty value.",
      "Set it to a non-empty value, or remove it if it is optional."),
  FLOE_0018(
      18,
      "The setting has a value Floe does not recognise.",
      "Use one of the listed values (case does not matter)."),
  FLOE_0019(
      19,
      "A setting that snowflake.authenticator needs is missing or not usable.",
      "With snowflake.authenticator=snowflake_jwt (the default) set snowflake.private.key; with"
          + " oauth set snowflake.oauth.client.id, snowflake.oauth.client.secret and"
          + " snowflake.oauth.refresh.token, and snowflake.oauth.token.endpoint, if set, to an"
          + " http(s) URL (see docs/snowflake-setup.md, OAuth)."),
  FLOE_0030(
      30,
      "The connector name maps to Snowflake objects that belong to another connector.",
      "Floe names its stages and pipes after the connector with only letters, digits and _ kept"
          + " (upper-cased), so names that differ only in case or punctuation (orders-sink,"
          + " orders_sink, Orders.Sink) would share them. Give this connector a name that differs"
          + " in its letters or digits, or drop the other connector's stages and pipes if it no"
          + " longer exists."),
  FLOE_0040(
      40,
      "snowflake.url.name uses http:// for a host that is not this machine.",
      "Use https:// (or leave the scheme out): over http the login token, private-key JWT and"
          + " data would cross the network unencrypted. http:// is accepted only for loopback"
          + " hosts (localhost, 127.0.0.0/8), such as a local test endpoint."),
  FLOE_0050(
      50,
      "Snowpipe Streaming needs snowflake.role.name.",
      "Set snowflake.role.name to a role with INSERT on the target tables (and CREATE TABLE on"
          + " the schema if Floe creates them): Snowpipe Streaming opens channels as that role, as"
          + " Snowflake's connector requires in this mode."),
  FLOE_0051(
      51,
      "A setting does not apply to the chosen snowflake.ingestion.method.",
      "Remove the named setting, or choose the ingestion method it belongs to;"
          + " docs/configuration.md says which settings each method honours."),
  FLOE_0052(
      52,
      "snowflake.streaming.client.provider.override.map is not a list of KEY:VALUE pairs.",
      "Write SDK parameters as KEY:VALUE separated by commas, for example"
          + " MAX_CLIENT_LAG:2000,MAX_CHANNEL_SIZE_IN_BYTES:33554432."),

  FLOE_0060(
      60,
      "floe.cdc.mode=upsert needs snowflake.enable.schematization=true.",
      "Set snowflake.enable.schematization=true: a table that mirrors its source has a column per"
          + " field of the row, which schematization creates and evolves. Use new tables: existing"
          + " ones keep their layout."),
  FLOE_0061(
      61,
      "floe.cdc.mode=upsert does not work with Snowpipe Streaming yet.",
      "Set snowflake.ingestion.method=SNOWPIPE (the default): the apply step applies changes"
          + " once the staged files that hold them have loaded, which only the file mode tracks."),
  FLOE_0062(
      62,
      "floe.cdc.mode=upsert takes the key from the record key, and key.converter makes every key a"
          + " plain value (a string, bytes or a number), not the key's fields.",
      "Set floe.cdc.key.fields to the row's key fields (for example id), or read keys with a"
          + " converter that gives their fields (JsonConverter, or an Avro converter for Debezium's"
          + " key struct)."),
  FLOE_0063(
      63,
      "floe.cdc.key.fields names a field twice, or a field whose name starts with __.",
      "List each key field once, by its name in the row. Fields starting with __ are Debezium's"
          + " added fields (__deleted, __op, ...), which get no column and cannot be a key."),
  FLOE_0064(
      64,
      "floe.cdc.mode=upsert does not work with floe.offset.reset.behavior=new_generation.",
      "Keep floe.offset.reset.behavior=fail (the default): how far each partition is applied is"
          + " kept by Kafka offset, so a re-created topic's lower offsets would never apply. To"
          + " follow a re-created topic, delete this connector and create one of another name"
          + " (its stage, pipe and FLOE_CDC_PROGRESS rows are its own); if the changes carry no"
          + " Debezium source.lsn, their row guard is the Kafka offset too, so first set"
          + " __FLOE_POSITION to NULL in the target (a row without a position takes any change)."),

  // ---- 1xxx connection and authentication --------------------------------------------------
  FLOE_1001(
      1001,
      "Cannot connect to Snowflake.",
      "Check snowflake.url.name, that the Connect worker can reach it, and the account name."),
  FLOE_1002(
      1002,
      "Snowflake refused the login.",
      "Check snowflake.user.name and that the public key of snowflake.private.key is registered"
          + " for that user (DESC USER <user> shows RSA_PUBLIC_KEY_FP)."),
  FLOE_1003(
      1003,
      "The role cannot be used by this user.",
      "Grant the role named in snowflake.role.name to the user, or remove the setting to use the"
          + " user's default role."),
  FLOE_1004(
      1004,
      "Snowflake kept failing after retries.",
      "Snowflake or the network was unavailable for longer than Floe retries; the task will"
          + " resume from the last committed offset when restarted. Check Snowflake's status."),
  FLOE_1010(
      1010,
      "Snowflake did not answer the login in time.",
      "Something at snowflake.url.name took the connection but sent no answer, or the"
          + " connection never completed. Check that snowflake.url.name names the account's host"
          + " and port (443 for https), that firewalls between the Connect worker and Snowflake"
          + " let the traffic through, and, if the worker reaches the internet through a proxy,"
          + " that jvm.proxy.host and jvm.proxy.port point to that proxy and jvm.nonProxy.hosts"
          + " does not exclude Snowflake."),
  FLOE_1020(
      1020,
      "Snowflake's OAuth token endpoint refused the refresh token.",
      "snowflake.oauth.refresh.token has expired, been revoked, or was issued to another client"
          + " than snowflake.oauth.client.id. Obtain a new refresh token for the connector's user"
          + " through the security integration's authorization flow and set"
          + " snowflake.oauth.refresh.token to it (OAUTH_REFRESH_TOKEN_VALIDITY on the"
          + " integration sets how long refresh tokens last)."),
  FLOE_1021(
      1021,
      "Snowflake's OAuth token endpoint refused the client.",
      "Check snowflake.oauth.client.id and snowflake.oauth.client.secret against SELECT"
          + " SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('FLOE_OAUTH'), that the security integration is"
          + " enabled, and that snowflake.oauth.token.endpoint (if set) is the account's"
          + " /oauth/token-request."),

  // ---- 2xxx tables, stages and pipes -------------------------------------------------------
  FLOE_2001(
      2001,
      "The target table exists but cannot receive Floe's rows.",
      "A table Floe writes to needs RECORD_METADATA VARIANT and RECORD_CONTENT VARIANT, and every"
          + " other column must be nullable. Alter the table, or map the topic to another table"
          + " with snowflake.topic2table.map."),
  FLOE_2002(
      2002,
      "The database or schema does not exist or is not visible to the role.",
      "Create it, or grant USAGE on it to the connector's role, or fix snowflake.database.name /"
          + " snowflake.schema.name."),
  FLOE_2003(
      2003,
      "The connector's role lacks a privilege it needs.",
      "Grant the role USAGE on the database and schema, CREATE TABLE, CREATE STAGE and CREATE"
          + " PIPE on the schema (or ownership of existing objects); see docs/snowflake-setup.md."),
  FLOE_2004(
      2004,
      "An existing pipe with Floe's name loads something else.",
      "Floe never replaces a pipe (that would drop its load history and allow duplicates). Drop"
          + " or rename that pipe yourself, or rename the connector."),
  FLOE_2005(
      2005,
      "A Snowflake statement failed.",
      "See the Snowflake error in the message; fix the object or privilege it names."),
  FLOE_2006(
      2006,
      "Floe's stage for this table belongs to another connector.",
      "Two connectors whose names differ only in case or punctuation map to the same stage and"
          + " pipe (the stage's comment names its owner). Rename this connector so that its name"
          + " differs in letters or digits; its own stage and pipe are then created."),
  FLOE_2010(
      2010,
      "The target table exists but cannot receive schematized rows.",
      "With snowflake.enable.schematization=true a table needs RECORD_METADATA VARIANT, and every"
          + " NOT NULL column must have a type Floe writes (docs/conversion.md), because Floe fills"
          + " columns from the fields of the same name. Alter the table, or map the topic to"
          + " another table with snowflake.topic2table.map."),
  FLOE_2011(
      2011,
      "Floe could not add a column for a new field.",
      "Grant the connector's role OWNERSHIP (or EVOLVE SCHEMA and ALTER) on the table, or add the"
          + " column yourself; the Snowflake error in the message says what was refused."),

  // ---- 3xxx staging and Snowpipe ingestion -------------------------------------------------
  FLOE_3001(
      3001,
      "Uploading a file to the stage failed.",
      "Check the role's privileges on the stage and that the stage still exists; the task will"
          + " retry from the last committed offset when restarted."),
  FLOE_3002(
      3002,
      "Snowpipe refused the files.",
      "The pipe may have been dropped or the user's default role may not operate it: make the"
          + " connector's role the user's DEFAULT_ROLE and grant it OPERATE/MONITOR on the pipe."),
  FLOE_3003(
      3003,
      "A staged file did not load.",
      "The file was moved to the table stage (see the log line for its path and the first error);"
          + " fix the cause, then load it with COPY INTO."),
  FLOE_3010(
      3010,
      "A partition's offsets restarted below what Floe already staged for it.",
      "Kafka could not resume the partition just past the offsets Floe staged, and delivered lower"
          + " offsets: the topic was probably deleted and re-created, or the data now comes from"
          + " another cluster. Nothing was loaded or committed for these records. To load them"
          + " next to the rows already in the table, set floe.offset.reset.behavior=new_generation"
          + " and restart the task: new files get a new generation of names, which cannot collide"
          + " with the old ones. Removing the partition's old files from the stage is not enough,"
          + " because Floe also reads the last 24 hours of Snowpipe's load history."),
  FLOE_3020(
      3020,
      "A staged file's offsets overlap another file of its partition; Floe does not submit it.",
      "Loading it would load the overlapping records twice. Such a file is left by a task that"
          + " kept uploading after its partitions were reassigned (a worker that lost its group"
          + " membership during a long pause), or by an upload that finished after its partition"
          + " was revoked. Its records are loaded from the other file, or read again from Kafka"
          + " (Floe resumes after the files it keeps). Once you have checked the two files named"
          + " in the log, remove the skipped one from the stage (REMOVE @<stage>/<path>); until"
          + " then every start logs this warning again."),
  FLOE_3030(
      3030,
      "Files of a table keep failing to load for a reason that is not their data.",
      "Snowflake's error in the message names the cause: the table was dropped or cannot be seen"
          + " by the connector's role, a NOT NULL column was added that Floe cannot fill, or the"
          + " role lost INSERT on the table or USAGE on its schema. Fix the table (Floe re-creates"
          + " a dropped table when the task starts; drop the NOT NULL column or give it a"
          + " default; grant the privilege again) and restart the task: the failed files were"
          + " kept on Floe's stage under retry names (<first>_<last>_r<n>.json.gz) and are"
          + " submitted again, so no record is lost. floe.load.table.failures.max sets how many"
          + " such files in a row stop the task."),
  FLOE_3040(
      3040,
      "A partition's offsets restarted below what its Snowpipe Streaming channel committed.",
      "Kafka could not resume the partition just past the offset token its channel committed, and"
          + " delivered lower offsets: the topic was probably deleted and re-created, or the data"
          + " now comes from another cluster. Nothing was loaded or committed for these records. To"
          + " load them, drop the channel (named in the message) with the Snowpipe Streaming SDK or"
          + " re-create the table, then restart the task."),
  FLOE_3041(
      3041,
      "Snowpipe Streaming refused a record's row.",
      "The row does not fit the table (a value of the wrong type, too large, or a NOT NULL column"
          + " left empty). Fix the producer or the table; with errors.tolerance=all the record goes"
          + " to the dead-letter queue or the table stage instead of failing the task."),
  FLOE_3042(
      3042,
      "A Snowpipe Streaming channel keeps being invalidated.",
      "Another instance keeps reopening this channel (a second connector or a zombie task writing"
          + " the same partition), or Snowflake keeps rejecting its data. Make sure one connector"
          + " writes each topic, check the task logs for the cause, and restart the task."),
  FLOE_3043(
      3043,
      "A Snowpipe Streaming channel holds an offset token that is not a Kafka offset.",
      "Another client wrote this channel. Give the connector another name (channel names contain"
          + " it) or drop the channel."),
  FLOE_3044(
      3044,
      "Cannot open a Snowpipe Streaming channel.",
      "Check that snowflake.role.name may INSERT into the table and that the table exists; the"
          + " message names the channel and Snowflake's answer."),
  FLOE_3045(
      3045,
      "Snowpipe Streaming failed.",
      "The message holds the Snowpipe Streaming SDK's error; the task resumes from each channel's"
          + " committed offset when restarted."),
  FLOE_3046(
      3046,
      "A transform renamed a record's topic, which Snowpipe Streaming mode does not support yet.",
      "Remove the topic-renaming transform, or use snowflake.ingestion.method=SNOWPIPE, which loads"
          + " each record into its renamed topic's table."),
  FLOE_3060(
      3060,
      "A change-data-capture apply statement failed.",
      "The message names the target table, the statement (begin, progress update, merge, delete"
          + " applied changes, commit or read progress) and Snowflake's error. Check that the"
          + " connector's role may SELECT and DELETE on the change table (the target's name with"
          + " _FLOE_CHANGES appended), INSERT, UPDATE and DELETE on the target"
          + " and UPDATE on FLOE_CDC_PROGRESS, and that the target has the key and value columns"
          + " and __FLOE_POSITION. Nothing was applied: the changes stay in the change table and"
          + " the next apply retries them from the recorded progress."),
  FLOE_3061(
      3061,
      "Another task applied changes of a partition this task was about to apply.",
      "The partition's progress row in FLOE_CDC_PROGRESS no longer holds the offset this task"
          + " expected, so another task (after a rebalance, or a zombie of this one) owns the"
          + " partition. This task rolled back and changed nothing; it should stop applying the"
          + " partition. If no other task runs, check that no second connector shares the"
          + " connector name."),

  FLOE_3070(
      3070,
      "A schematized table gained columns, but its Snowpipe Streaming channel, reopened for them,"
          + " still lacks them.",
      "Check that the role of snowflake.role.name sees the table's new columns (DESC TABLE); the"
          + " message names the table, the channel and the columns."),

  // ---- 4xxx record conversion --------------------------------------------------------------
  FLOE_4001(
      4001,
      "Invalid Snowflake converter configuration.",
      "Fix the named key.converter.* or value.converter.* setting; docs/conversion.md lists them."),
  FLOE_4002(
      4002,
      "A Floe Snowflake converter was used to serialize data.",
      "Use Floe's Snowflake converters only as key.converter or value.converter of the Floe sink;"
          + " they only read Kafka records."),
  FLOE_4003(
      4003,
      "Record is not valid JSON.",
      "Fix the producer, or use a converter that matches the data (StringConverter keeps any text"
          + " as a JSON string)."),
  FLOE_4004(
      4004,
      "Record is not in the Confluent Avro wire format (magic byte 0, 4-byte schema id).",
      "Produce with a Confluent-compatible Avro serializer, or use"
          + " SnowflakeAvroConverterWithoutSchemaRegistry for Avro container files."),
  FLOE_4005(
      4005,
      "Schema registry has no schema with this id.",
      "Point schema.registry.url at the registry the producer used."),
  FLOE_4006(
      4006,
      "Schema registry could not be reached or refused the request.",
      "Check schema.registry.url, the network, basic.auth.* credentials and the"
          + " schema.registry.ssl.* truststore. The task stops rather than treat the records as"
          + " broken; once restarted it resumes from the last committed offset."),
  FLOE_4007(
      4007,
      "Schema from the schema registry cannot be used.",
      "Register an Avro schema (SnowflakeAvroConverter reads Avro only) whose references resolve."),
  FLOE_4008(
      4008,
      "Avro record cannot be decoded with its writer schema.",
      "Check that the producer wrote the data with the schema id in the record, and that"
          + " reader.schema (if set) is compatible with it."),
  FLOE_4009(
      4009,
      "Record is not a readable Avro container file.",
      "Produce Avro container files with the null or deflate codec, or use SnowflakeAvroConverter"
          + " for single Avro records with a schema registry."),
  FLOE_4010(
      4010,
      "Record cannot be converted to JSON.",
      "Fix the converter or transform that produced this value; docs/conversion.md lists the types"
          + " Floe converts."),
  FLOE_4011(
      4011,
      "Record is nested too deeply.",
      "Floe converts JSON and Connect values nested at most 1000 levels deep (objects, arrays,"
          + " maps, structs) and Avro values at most 250 (records, arrays, maps); flatten the data"
          + " at the producer."),
  FLOE_4012(
      4012,
      "Record is too large for one Snowflake VARIANT.",
      "Shrink the record at the producer, or split it. floe.max.record.bytes is Snowflake's"
          + " VARIANT limit (128 MB); lower it to 16777216 if your account still has the 16 MB"
          + " limit, never raise it above Snowflake's."),
  FLOE_4013(
      4013,
      "Record holds a number Snowflake cannot store.",
      "Snowflake stores JSON numbers as NUMBER (38 digits) or FLOAT (about ±1.8e308); write"
          + " larger magnitudes as strings at the producer."),
  FLOE_4020(
      4020,
      "A field's value does not fit its column's type.",
      "The table's column has another type than this record's field (docs/conversion.md, What"
          + " fits a column). Fix the producer, or change the column's type (ALTER TABLE …"
          + " ALTER COLUMN … SET DATA TYPE, or VARIANT), or route the topic to another table."),
  FLOE_4021(
      4021,
      "Record value is not an object, so it has no fields to load into columns.",
      "With snowflake.enable.schematization=true each record value must be a JSON object, struct,"
          + " map or Avro record; produce one, or load the topic without schematization."),
  FLOE_4022(
      4022,
      "Record has fields that cannot be given columns.",
      "Field names become column names (upper-cased unless quoted): two fields that differ only in"
          + " case, a field named RECORD_METADATA, and names longer than 255 characters cannot"
          + " be loaded; rename them at the producer or with a transform (ReplaceField)."),
  FLOE_4023(
      4023,
      "Record needs a column its table lacks, or leaves a NOT NULL column empty, and the table's"
          + " schema evolution is off.",
      "Like Snowflake's connector, Floe adds columns and drops NOT NULL only on tables with"
          + " ENABLE_SCHEMA_EVOLUTION = TRUE (tables Floe creates have it). Run ALTER TABLE <table>"
          + " SET ENABLE_SCHEMA_EVOLUTION = TRUE, or add the column (ALTER TABLE <table> ADD COLUMN"
          + " …) or drop its NOT NULL yourself; Floe reads the table again within 10 seconds of"
          + " the next record that needs it."),

  FLOE_4030(
      4030,
      "A change event has no key, so it cannot be applied to a mirrored table.",
      "With floe.cdc.mode=upsert every record needs a key: the record key as an object or"
          + " struct with the key's fields (Debezium's key), or, when floe.cdc.key.fields is set,"
          + " non-null values for those fields in the row. Fix the producer, set"
          + " floe.cdc.key.fields, or route the topic to a connector without change data capture."),
  FLOE_4031(
      4031,
      "A change event is not a row change Floe applies (a truncate, or another operation).",
      "Debezium's op t (truncate) and operations other than c, r, u and d are not applied to a"
          + " mirrored table: drop them with a filter transform (or Debezium's skipped.operations),"
          + " and empty the table by hand for a truncate; errors.tolerance decides what happens"
          + " to this one."),
  FLOE_4032(
      4032,
      "A record is not a Debezium change envelope, but floe.cdc.format=envelope.",
      "An envelope is an object with an op field and an after or before object. Set"
          + " floe.cdc.format=flattened for values written by ExtractNewRecordState, or auto."),

  // ---- 5xxx task runtime -------------------------------------------------------------------
  FLOE_5001(
      5001,
      "The task was interrupted while waiting for Snowflake.",
      "This happens when the worker stops the task; it resumes from the last committed offset."),
  FLOE_5020(
      5020,
      "Connect handed the task a record of a partition it did not open.",
      "Topic-renaming transforms (RegexRouter, TimestampRouter) need Kafka Connect 3.6 or later,"
          + " whose records keep their original topic, partition and offset (KIP-793): upgrade"
          + " the worker, or route with snowflake.topic2table.map instead of a transform.");

  private final int number;
  private final String problem;
  private final String remedy;

  ErrorCode(int number, String problem, String remedy) {
    this.number = number;
    this.problem = problem;
    this.remedy = remedy;
  }

  /** The code as users see and search for it, e.g. {@code FLOE-1002}. */
  public String id() {
    return String.format("FLOE-%04d", number);
  }

  public String problem() {
    return problem;
  }

  public String remedy() {
    return remedy;
  }

  /** {@code FLOE-1002 Cannot log in to Snowflake: <detail>. Remedy: <remedy>} */
  String format(String detail) {
    String head = id() + " " + problem;
    String body = detail == null || detail.isBlank() ? "" : " " + detail.trim();
    return head + body + " Remedy: " + remedy;
  }
}
