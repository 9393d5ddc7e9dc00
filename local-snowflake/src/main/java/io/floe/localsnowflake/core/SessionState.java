package io.floe.localsnowflake.core;

/**
 * The mutable context of one Snowflake session: who is connected, what USE last selected, and the
 * session parameters that change what statements do. Names are stored resolved (unquoted
 * identifiers upper-cased), or null when unset.
 */
public final class SessionState {
  /** LOCK_TIMEOUT's default: 12 hours. */
  public static final long DEFAULT_LOCK_TIMEOUT_SECONDS = 43200;

  private final String user;
  private volatile String role;
  private volatile String database;
  private volatile String schema;
  private volatile String warehouse;
  private volatile boolean autocommit = true;
  private volatile boolean errorOnNondeterministicMerge = true;
  private volatile long lockTimeoutSeconds = DEFAULT_LOCK_TIMEOUT_SECONDS;

  public SessionState(String user, String role, String database, String schema, String warehouse) {
    this.user = user;
    this.role = role;
    this.database = database;
    this.schema = schema;
    this.warehouse = warehouse;
  }

  public String user() {
    return user;
  }

  public String role() {
    return role;
  }

  public String database() {
    return database;
  }

  public String schema() {
    return schema;
  }

  public String warehouse() {
    return warehouse;
  }

  public void role(String role) {
    this.role = role;
  }

  public void database(String database) {
    this.database = database;
  }

  public void schema(String schema) {
    this.schema = schema;
  }

  public void warehouse(String warehouse) {
    this.warehouse = warehouse;
  }

  /** AUTOCOMMIT (default TRUE): false makes DML and queries open a transaction implicitly. */
  public boolean autocommit() {
    return autocommit;
  }

  public void autocommit(boolean autocommit) {
    this.autocommit = autocommit;
  }

  /** ERROR_ON_NONDETERMINISTIC_MERGE (default TRUE). */
  public boolean errorOnNondeterministicMerge() {
    return errorOnNondeterministicMerge;
  }

  public void errorOnNondeterministicMerge(boolean value) {
    this.errorOnNondeterministicMerge = value;
  }

  /** LOCK_TIMEOUT: how long a statement waits for another transaction's rows (0: not at all). */
  public long lockTimeoutSeconds() {
    return lockTimeoutSeconds;
  }

  public void lockTimeoutSeconds(long seconds) {
    this.lockTimeoutSeconds = seconds;
  }
}
