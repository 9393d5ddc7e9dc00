package io.floe.connector;

/**
 * Floe's numbered errors. Each names what went wrong and the remedy; docs/errors.md lists them all
 * (a test keeps the two in step). Ranges: 0xxx configuration, 1xxx connection and authentication,
 * 2xxx tables, stages and pipes, 3xxx staging and Snowpipe ingestion, 4xxx record conversion, 5xxx
 * task runtime.
 */
public enum ErrorCode {
  // ---- 0xxx configuration -------------------------------------------------------------------

  // ---- 1xxx connection and authentication --------------------------------------------------

  // ---- 2xxx tables, stages and pipes -------------------------------------------------------

  // ---- 3xxx staging and Snowpipe ingestion -------------------------------------------------

  // ---- 4xxx record conversion --------------------------------------------------------------
  FLOE_4001(
      4001,
      "Invalid record conversion setting.",
      "Set snowflake.metadata.* to true or false and behavior.on.null.values to DEFAULT or"
          + " IGNORE."),
  FLOE_4002(
      4002,
      "Invalid Snowflake converter configuration.",
      "Fix the named key.converter.* or value.converter.* setting; docs/conversion.md lists them."),
  FLOE_4003(
      4003,
      "A Floe Snowflake converter was used to serialize data.",
      "Use Floe's Snowflake converters only as key.converter or value.converter of the Floe sink;"
          + " they only read Kafka records."),
  FLOE_4004(
      4004,
      "Record is not valid JSON.",
      "Fix the producer, or use a converter that matches the data (StringConverter keeps any text"
          + " as a JSON string)."),
  FLOE_4005(
      4005,
      "Record is not in the Confluent Avro wire format (magic byte 0, 4-byte schema id).",
      "Produce with a Confluent-compatible Avro serializer, or use"
          + " SnowflakeAvroConverterWithoutSchemaRegistry for Avro container files."),
  FLOE_4006(
      4006,
      "Schema registry has no schema with this id.",
      "Point schema.registry.url at the registry the producer used."),
  FLOE_4007(
      4007,
      "Schema registry could not be reached or refused the request.",
      "Check schema.registry.url, the network, basic.auth.* credentials and the"
          + " schema.registry.ssl.* truststore."),
  FLOE_4008(
      4008,
      "Schema from the schema registry cannot be used.",
      "Register an Avro schema (SnowflakeAvroConverter reads Avro only) whose references resolve."),
  FLOE_4009(
      4009,
      "Avro record cannot be decoded with its writer schema.",
      "Check that the producer wrote the data with the schema id in the record, and that"
          + " reader.schema (if set) is compatible with it."),
  FLOE_4010(
      4010,
      "Record is not a readable Avro container file.",
      "Produce Avro container files with the null or deflate codec, or use SnowflakeAvroConverter"
          + " for single Avro records with a schema registry."),
  FLOE_4011(
      4011,
      "Record cannot be converted to JSON.",
      "Fix the converter or transform that produced this value; docs/conversion.md lists the types"
          + " Floe converts."),


  // ---- 5xxx task runtime -------------------------------------------------------------------

  // Placeholder so the enum compiles before the first real code lands; never raised.
  FLOE_0000(0, "Unknown error.", "Report this to the Floe maintainers.");

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
