package io.floe.quickstart;

import io.floe.localsnowflake.RsaKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

/**
 * Prepares the local Snowflake for the quickstart, as a Snowflake admin would for the connector:
 * creates an RSA key pair, registers its public key for the user ({@code ALTER USER … SET
 * RSA_PUBLIC_KEY}), creates the target database and schema, and writes the private key where the
 * script puts it into the connector config ({@code snowflake.private.key}: the PKCS#8 body, base64
 * on one line, as Snowflake's docs tell users to paste it).
 *
 * <p>Done in Java rather than with openssl so a fresh machine needs only Java and Maven.
 *
 * <pre>
 * KeySetup --jdbc-url URL --account A --user U --password P --database DB --schema S --key-file F
 * </pre>
 */
public final class KeySetup {
  private KeySetup() {}

  public static void main(String[] argv) throws Exception {
    ToolArgs args = new ToolArgs("KeySetup", argv);
    SnowflakeLogin login = SnowflakeLogin.from(args);
    KeyPair key = RsaKeys.generate();
    List<String> statements =
        statements(login.user(), key, args.required("database"), args.required("schema"));
    try (Connection c = login.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(
              "KeySetup: `" + abbreviate(sql) + "` failed: " + e.getMessage(),
              e.getSQLState(),
              e.getErrorCode(),
              e);
        }
      }
    }
    writePrivateKey(key, Paths.get(args.required("key-file")));
  }

  private static String abbreviate(String sql) {
    return sql.length() > 60 ? sql.substring(0, 57) + "..." : sql;
  }

  /** Snowflake takes the public key as the base64 of its X.509 encoding, without PEM lines. */
  static List<String> statements(String user, KeyPair key, String database, String schema) {
    String publicKey = Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    return List.of(
        "ALTER USER " + user + " SET RSA_PUBLIC_KEY='" + publicKey + "'",
        "CREATE DATABASE IF NOT EXISTS " + database,
        "CREATE SCHEMA IF NOT EXISTS " + database + "." + schema);
  }

  /** The PKCS#8 body on one line, readable by its owner only. */
  static void writePrivateKey(KeyPair key, Path file) throws IOException {
    String body = Base64.getEncoder().encodeToString(key.getPrivate().getEncoded());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, body + "\n", StandardCharsets.US_ASCII);
  }
}
