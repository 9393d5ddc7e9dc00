package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the names in streaming requests as Snowflake resolves identifiers (unquoted upper-cased,
 * double-quoted kept; channel names alike) and finds their table through the catalog with the
 * caller's role, answering Snowflake's streaming codes for what is missing or not authorized.
 */
final class TableResolver {
  private final Catalog catalog;

  TableResolver(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The session a call acts in: the request's role, or the user's default role without one. A role
   * not granted to the user authorizes nothing (every table is then "does not exist or not
   * authorized").
   */
  SessionState session(String user, String role) {
    String resolved = role == null || role.isBlank() ? null : ident(role);
    if (resolved == null) {
      resolved = catalog.user(user).map(Catalog.UserAccount::defaultRole).orElse("PUBLIC");
    }
    if (!catalog.roleGrantedTo(user, resolved)) {
      throw new StreamingException(
          StreamingCode.TABLE_DOES_NOT_EXIST_NOT_AUTHORIZED,
          "role " + resolved + " is not granted to user " + user);
    }
    return new SessionState(user, resolved, null, null, null);
  }

  /** The channel with its names resolved; missing parts are malformed requests. */
  ChannelKey key(String database, String schema, String table, String channel) {
    return new ChannelKey(
        required(database, StreamingCode.MISSING_DATABASE),
        required(schema, StreamingCode.MISSING_SCHEMA),
        required(table, StreamingCode.MISSING_TABLE),
        required(channel, StreamingCode.MISSING_CHANNEL_NAME));
  }

  /** The channel's table, with INSERT privilege for the session's role. */
  TableInfo table(SessionState session, ChannelKey key) {
    if (!catalog.databaseExists(key.database())) {
      throw new StreamingException(
          StreamingCode.DATABASE_DOES_NOT_EXIST_OR_NOT_AUTHORIZED, key.database());
    }
    if (!catalog.schemaExists(key.database(), key.schema())) {
      throw new StreamingException(
          StreamingCode.SCHEMA_DOES_NOT_EXIST_OR_NOT_AUTHORIZED,
          key.database() + "." + key.schema());
    }
    try {
      return catalog.table(
          session, new ObjectName(key.database(), key.schema(), key.table()), "INSERT");
    } catch (SnowflakeError e) {
      throw new StreamingException(
          StreamingCode.TABLE_DOES_NOT_EXIST_NOT_AUTHORIZED,
          key.database() + "." + key.schema() + "." + key.table());
    }
  }

  /**
   * Which table of the channel's name exists now: its creation time in epoch microseconds (0 when
   * the catalog cannot tell, or it is gone).
   */
  long created(ChannelKey key) {
    return catalog
        .tableCreatedOn(new ObjectName(key.database(), key.schema(), key.table()))
        .map(ChannelStore::micros)
        .orElse(0L);
  }

  /** The table's columns as the SDK needs them; a type it cannot stream into fails the open. */
  static List<ColumnMetadata> columns(TableInfo table) {
    List<ColumnMetadata> out = new ArrayList<>();
    int ordinal = 1;
    for (ColumnInfo column : table.columns()) {
      Optional<ColumnMetadata> m = StreamingColumns.metadata(column, ordinal++);
      if (m.isEmpty()) {
        throw new StreamingException(
            StreamingCode.TABLE_OR_COLUMN_TYPE_NOT_SUPPORTED,
            column.name() + " " + column.type() + " is not supported by the local Snowflake");
      }
      out.add(m.get());
    }
    return out;
  }

  private static String required(String raw, StreamingCode missing) {
    if (raw == null || raw.isBlank()) {
      throw new StreamingException(missing, null);
    }
    return ident(raw);
  }

  /** One identifier: {@code "Quoted"} kept (doubled quotes undone), otherwise upper-cased. */
  static String ident(String raw) {
    String t = raw.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1).replace("\"\"", "\"");
    }
    return t.toUpperCase(Locale.ROOT);
  }
}
