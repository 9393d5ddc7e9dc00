package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.localsnowflake.driver.StageStreams;
import io.floe.localsnowflake.driver.UploadWithoutConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code SnowflakeFileTransferAgent.getFileTransferMetadatas} + {@code uploadWithoutConnection}
 * against cloud storage mode's presigned URLs. Only drivers up to 3.24.0 can do this (later ones
 * dereference a null session first, see ../shared/reference/snowflake-wire-protocol.md), so the
 * driver matrix runs it against 3.24.0; with other drivers it is skipped.
 */
@EnabledIf(
    value =
        "io.floe.localsnowflake.driver.DriverGeneration#uploadsWithoutConnectionToPresignedUrls",
    disabledReason = "this snowflake-jdbc cannot upload without a connection to presigned URLs")
class UploadWithoutConnectionDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void uploadsWithCachedTransferMetadata() throws Exception {
    SNOWFLAKE.get().execute("create database wc", "create stage wc.public.s");
    byte[] gz = gzip("{\"streamed\":true}");
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement()) {
      s.execute("use schema wc.public");
      UploadWithoutConnection.upload(
          c, "PUT file:///nowhere/blob_1.json.gz @s/cached", new ByteArrayInputStream(gz));
      try (ResultSet rs = s.executeQuery("list @s/cached")) {
        rs.next();
        assertEquals("s/cached/blob_1.json.gz", rs.getString(1));
      }
      try (InputStream in = StageStreams.of(c).download("s", "cached/blob_1.json.gz", false)) {
        assertArrayEquals(gz, in.readAllBytes());
      }
    }
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
