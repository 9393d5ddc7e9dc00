package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.DuckStore;

/**
 * The hidden DuckDB schema holding stage, file format and pipe definitions and the load metadata of
 * COPY and Snowpipe. Living in the one DuckStore means a file-backed store persists them with the
 * tables they describe. Times are stored as epoch microseconds (no time zone games).
 */
final class MetadataTables {
  static final String SCHEMA = "_local_snowflake_stage";

  private final String qualifier;

  MetadataTables(DuckStore store) {
    this.qualifier =
        store.hiddenSchema(
            SCHEMA,
            "objects (id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL,"
                + " database_name VARCHAR NOT NULL, schema_name VARCHAR NOT NULL,"
                + " name VARCHAR NOT NULL, owner VARCHAR, comment VARCHAR, body VARCHAR,"
                + " created_on BIGINT NOT NULL)",
            "copy_loads (database_name VARCHAR NOT NULL,"
                + " schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL,"
                + " file_key VARCHAR NOT NULL, checksum VARCHAR NOT NULL,"
                + " loaded_on BIGINT NOT NULL)",
            "pipe_files (pipe_id BIGINT NOT NULL, path VARCHAR NOT NULL,"
                + " submitted_by VARCHAR, time_received BIGINT NOT NULL,"
                + " status VARCHAR NOT NULL, file_size BIGINT, stage_location VARCHAR,"
                + " last_insert_time BIGINT, rows_inserted BIGINT, rows_parsed BIGINT,"
                + " errors_seen BIGINT, error_limit BIGINT, first_error VARCHAR,"
                + " first_error_line BIGINT, first_error_character BIGINT,"
                + " first_error_column VARCHAR, system_error VARCHAR, event_seq BIGINT)");
  }

  String objects() {
    return qualifier + ".objects";
  }

  String copyLoads() {
    return qualifier + ".copy_loads";
  }

  String pipeFiles() {
    return qualifier + ".pipe_files";
  }
}
