package io.floe.quickstart;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A password login to the local Snowflake, as its READY line announces it: {@code READY <jdbc-url>
 * account=<ACCOUNT> user=<USER> password=<PASSWORD>}. Uses the real snowflake-jdbc driver.
 */
record SnowflakeLogin(String jdbcUrl, String account, String user, String password) {

  static SnowflakeLogin from(ToolArgs args) {
    return new SnowflakeLogin(
        args.required("jdbc-url"),
        args.required("account"),
        args.required("user"),
        args.required("password"));
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.put("account", account);
    p.put("user", user);
    p.put("password", password);
    // The local Snowflake speaks plain http on 127.0.0.1 and is no cloud VM to detect.
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection(jdbcUrl, p);
  }
}
