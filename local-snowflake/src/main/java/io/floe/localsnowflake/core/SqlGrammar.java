package io.floe.localsnowflake.core;

import java.util.Set;

/**
 * Tells a statement the local Snowflake does not implement from one that is not Snowflake SQL at
 * all, by its leading keywords as Snowflake's command reference lists them. The first is
 * "unsupported" (000002: the gap is ours); the second is Snowflake's own syntax error (001003) at
 * the offending word, so a typo reads as it would against Snowflake.
 */
public final class SqlGrammar {
  /** The words Snowflake statements start with (SQL commands and Snowflake Scripting blocks). */
  private static final Set<String> COMMANDS =
      words(
          "ALTER BEGIN CALL COMMENT COMMIT COPY CREATE DECLARE DELETE DESC DESCRIBE DROP EXECUTE"
              + " EXPLAIN GET GRANT INSERT LIST LS MERGE PUT REMOVE REVOKE RM ROLLBACK SELECT SET"
              + " SHOW START TRUNCATE UNDROP UNSET UPDATE USE WITH");

  /**
   * The words that may follow CREATE [OR REPLACE], DROP, ALTER, DESCRIBE and UNDROP: object kinds
   * and the modifiers before them (CREATE SECURE VIEW, DROP EXTERNAL TABLE, …).
   */
  private static final Set<String> OBJECT_KINDS =
      words(
          "ACCOUNT AGGREGATION ALERT API APPLICATION AUTHENTICATION CATALOG COMPUTE CONNECTION DATA"
              + " DATABASE DATASET DYNAMIC EVENT EXTERNAL FAILOVER FILE FUNCTION GIT GLOBAL HYBRID"
              + " ICEBERG IMAGE INDEX INTEGRATION JOIN LOCAL MANAGED MASKING MATERIALIZED MODEL"
              + " NETWORK NOTEBOOK NOTIFICATION ORGANIZATION PACKAGES PASSWORD PIPE PROCEDURE"
              + " PROJECTION RECURSIVE REPLICATION RESOURCE RESULT ROLE ROW SCHEMA SECRET SECURE"
              + " SECURITY SEMANTIC SEQUENCE SERVICE SESSION SHARE SNAPSHOT STAGE STORAGE STREAM"
              + " STREAMLIT TABLE TAG TASK TEMP TEMPORARY TRANSIENT USER VIEW VOLATILE WAREHOUSE");

  /** The words that may follow SHOW [TERSE]. */
  private static final Set<String> SHOW_KINDS =
      words(
          "ACCOUNTS ALERTS API APPLICATION APPLICATIONS AUTHENTICATION CATALOG CHANNELS COLUMNS"
              + " COMPUTE CONNECTIONS DATABASE DATABASES DATASETS DELEGATED DYNAMIC EVENT EXPORTED"
              + " EXTERNAL FAILOVER FILE FUNCTIONS FUTURE GIT GLOBAL GRANTS HYBRID ICEBERG IMAGE"
              + " IMPORTED INDEXES INTEGRATIONS LOCKS MANAGED MASKING MATERIALIZED MODELS NETWORK"
              + " NOTEBOOKS NOTIFICATION OBJECTS ORGANIZATION PACKAGES PARAMETERS PASSWORD PIPES"
              + " PRIMARY PROCEDURES REGIONS REPLICATION RESOURCE ROLES ROW SCHEMAS SECRETS"
              + " SECURITY SEMANTIC SEQUENCES SERVICES SESSION SHARES SNAPSHOTS STAGES STORAGE"
              + " STREAMLITS STREAMS TABLES TAGS TASKS TRANSACTIONS UNIQUE USER USERS VARIABLES"
              + " VIEWS WAREHOUSES");

  /** The words that may follow ALTER TABLE name. */
  private static final Set<String> ALTER_TABLE_ACTIONS =
      words("ADD ALTER CLUSTER DROP MODIFY RECLUSTER RENAME RESUME SET SUSPEND SWAP UNSET");

  private SqlGrammar() {}

  private static Set<String> words(String text) {
    return Set.of(text.split(" "));
  }

  /** For a statement no handler implements; {@code first} is its first token. */
  public static SnowflakeError notImplemented(String sql, Token first) {
    String word = first.keyword();
    if (COMMANDS.contains(word)) {
      return SnowflakeError.unsupportedStatement(word);
    }
    return unexpected(sql, first);
  }

  /**
   * For a {@code verb} (CREATE, DROP, ALTER, DESCRIBE, SHOW, or ALTER TABLE) whose next word,
   * {@code kind} (an object kind, or an ALTER TABLE action), the local Snowflake does not
   * implement.
   */
  public static SnowflakeError notImplemented(String sql, String verb, Token kind) {
    String word = kind.keyword();
    Set<String> kinds =
        switch (verb) {
          case "SHOW" -> SHOW_KINDS;
          case "ALTER TABLE" -> ALTER_TABLE_ACTIONS;
          default -> OBJECT_KINDS;
        };
    if (kinds.contains(word)) {
      // ALTER TABLE's action follows the table's name.
      String separator = verb.equals("ALTER TABLE") ? " … " : " ";
      return SnowflakeError.unsupportedStatement(verb + separator + word);
    }
    return unexpected(sql, kind);
  }

  /** Snowflake's "syntax error line L at position P unexpected 'X'." at {@code t}. */
  public static SnowflakeError unexpected(String sql, Token t) {
    String what = t.kind() == Token.Kind.EOF ? "<EOF>" : sql.substring(t.start(), t.end());
    return SqlLexer.syntaxErrorAt(sql, t.start(), "unexpected '" + what + "'");
  }
}
