package io.floe.localsnowflake.core;

/**
 * An error the local Snowflake reports the way Snowflake does: a six-digit code, a SQLSTATE and a
 * message. The HTTP layer turns it into {@code {"success":false,"code":…,"data":{"errorCode":…,
 * "sqlState":…}}}, which the real driver raises as a SnowflakeSQLException with getErrorCode() ==
 * the code as an int.
 */
public final class SnowflakeError extends RuntimeException {
  private final String code;
  private final String sqlState;

  public SnowflakeError(String code, String sqlState, String message) {
    super(message);
    this.code = code;
    this.sqlState = sqlState;
  }

  public String code() {
    return code;
  }

  public String sqlState() {
    return sqlState;
  }

  /** 002003 / 42S02: a table, view or other object that does not exist or is not visible. */
  public static SnowflakeError objectMissing(String kind, String name) {
    return new SnowflakeError(
        "002003",
        "42S02",
        "SQL compilation error:\n" + kind + " '" + name + "' does not exist or not authorized.");
  }

  /** 002003 / 02000: a database, schema or stage that does not exist (Snowflake's SQLSTATE). */
  public static SnowflakeError containerMissing(String kind, String name) {
    return new SnowflakeError(
        "002003",
        "02000",
        "SQL compilation error:\n" + kind + " '" + name + "' does not exist or not authorized.");
  }

  /** 002002 / 42710. */
  public static SnowflakeError alreadyExists(String name) {
    return new SnowflakeError(
        "002002", "42710", "SQL compilation error:\nObject '" + name + "' already exists.");
  }

  /** 001003 / 42000: {@code detail} is e.g. "unexpected 'FOO'". */
  public static SnowflakeError syntax(int line, int position, String detail) {
    return new SnowflakeError(
        "001003",
        "42000",
        "SQL compilation error:\nsyntax error line "
            + line
            + " at position "
            + position
            + " "
            + detail
            + ".");
  }

  /** 000904 / 42000. */
  public static SnowflakeError invalidIdentifier(String name) {
    return new SnowflakeError(
        "000904", "42000", "SQL compilation error:\ninvalid identifier '" + name + "'");
  }

  /** 003001 / 42501. {@code what} is e.g. "schema 'DB.PUBLIC'". */
  public static SnowflakeError insufficientPrivileges(String what) {
    return new SnowflakeError(
        "003001",
        "42501",
        "SQL access control error:\nInsufficient privileges to operate on " + what);
  }

  /**
   * Something Snowflake has that the local Snowflake does not implement (a clause, function, option
   * …). Never silently ignored: the user learns that the gap is ours, not Snowflake's. Code 000002
   * is Snowflake's "Unsupported feature". Not for SQL that is not Snowflake's: that is {@link
   * #syntax}.
   */
  public static SnowflakeError unsupported(String what) {
    return new SnowflakeError(
        "000002",
        "0A000",
        "Unsupported feature: "
            + what
            + ". Valid in Snowflake, but not implemented by the local Snowflake.");
  }

  /** A valid Snowflake statement, named by its leading keywords, that is not implemented here. */
  public static SnowflakeError unsupportedStatement(String keywords) {
    return new SnowflakeError(
        "000002",
        "0A000",
        "Unsupported feature: "
            + keywords
            + " is valid Snowflake SQL but not implemented by the local Snowflake.");
  }
}
