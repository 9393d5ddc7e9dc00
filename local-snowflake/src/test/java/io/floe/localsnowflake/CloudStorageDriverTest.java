package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud storage mode (the default) through the real driver: PUT, stream upload, GET and download
 * stream go to presigned URLs on the local Snowflake with the driver's client-side encryption; the
 * stored bytes are not the plaintext; LIST, COPY and GET see the content. Runs in both legs of the
 * driver matrix.
 */
class CloudStorageDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @TempDir static Path local;

  @BeforeAll
  static void database() {
    SNOWFLAKE.get().execute("create database cloud", "create stage cloud.public.s");
  }

  private static Connection connect() throws SQLException {
    Connection c = SNOWFLAKE.get().connect();
    try (Statement s = c.createStatement()) {
      s.execute("use schema cloud.public");
    }
    return c;
  }

  @Test
  void putAndGetMoveFilesEncryptedAndStoreThemEncrypted() throws Exception {
    String text = "{\"secret\":\"plaintext-marker-1\"}\n".repeat(20);
    Path plain = Files.writeString(local.resolve("plain.json"), text);
    Path gzipped = Files.write(local.resolve("pre.json.gz"), gzip(text));
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      List<List<String>> put = rows(s, "PUT file://" + plain + " @s/put/p");
      assertEquals(List.of("plain.json", "plain.json.gz"), put.get(0).subList(0, 2));
      assertEquals("UPLOADED", put.get(0).get(6));
      assertEquals("UPLOADED", rows(s, "PUT file://" + gzipped + " @s/put/p").get(0).get(6));

      Path target = Files.createDirectories(local.resolve("got"));
      List<List<String>> got = rows(s, "GET @s/put/p file://" + target + "/");
      assertEquals(2, got.size(), got.toString());
      byte[] plainGz = Files.readAllBytes(target.resolve("plain.json.gz"));
      assertEquals(text, gunzip(plainGz));
      assertArrayEquals(
          Files.readAllBytes(gzipped), Files.readAllBytes(target.resolve("pre.json.gz")));

      // LIST: the size of the file as uploaded (compressed); an md5 that is not the file's.
      List<List<String>> list = rows(s, "LIST @s/put/");
      assertEquals(
          List.of(
              List.of("s/put/p/plain.json.gz", Long.toString(plainGz.length)),
              List.of("s/put/p/pre.json.gz", Long.toString(Files.size(gzipped)))),
          list.stream().map(r -> r.subList(0, 2)).toList());
      assertTrue(list.get(1).get(2).matches("[0-9a-f]{32}"), list.toString());
      assertNotEquals(md5(Files.readAllBytes(gzipped)), list.get(1).get(2));
    }
    for (Path stored : storedFiles("plain.json.gz", "pre.json.gz")) {
      byte[] atRest = Files.readAllBytes(stored);
      assertFalse(new String(atRest, StandardCharsets.ISO_8859_1).contains("plaintext-marker"));
      assertThrows(IOException.class, () -> gunzip(atRest), "stored bytes must not be gzip");
    }
  }

  @Test
  void putWithoutOverwriteReplacesAFileInCloudMode() throws Exception {
    // The driver does not look for an existing file on presigned-URL stages (a documented
    // difference from LOCAL_FS, where it reports SKIPPED).
    Path file = local.resolve("again.json");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      Files.writeString(file, "{\"version\":1}");
      rows(s, "PUT file://" + file + " @s/again");
      Files.writeString(file, "{\"version\":2}");
      assertEquals("UPLOADED", rows(s, "PUT file://" + file + " @s/again").get(0).get(6));
      try (InputStream in = StageStreams.of(c).download("s", "again/again.json.gz", true)) {
        assertEquals("{\"version\":2}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void streamUploadAndDownloadStreamRoundTrip() throws Exception {
    byte[] json = "{\"n\":1}\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8);
    try (Connection c = connect()) {
      StageStreams streams = StageStreams.of(c);
      streams.upload("s", "stream", "zipped.json", new ByteArrayInputStream(json), true);
      streams.upload("@s", "stream", "raw.json", new ByteArrayInputStream(json), false);
      try (Statement s = c.createStatement()) {
        assertEquals(
            List.of("s/stream/raw.json", "s/stream/zipped.json.gz"),
            rows(s, "ls @s/stream").stream().map(r -> r.get(0)).toList());
      }
      assertArrayEquals(json, read(streams.download("s", "stream/zipped.json.gz", true)));
      assertArrayEquals(
          gzip(json), gzipOf(read(streams.download("s", "stream/zipped.json.gz", false))));
      assertArrayEquals(json, read(streams.download("@s", "stream/raw.json", false)));
      SQLException missing =
          assertThrows(SQLException.class, () -> streams.download("s", "stream/nope.json", false));
      // The GET answer lists no file; the driver says so itself.
      assertTrue(missing.getMessage().contains("File not found"), missing.getMessage());
    }
    for (Path stored : storedFiles("raw.json")) {
      assertFalse(Files.readString(stored, StandardCharsets.ISO_8859_1).contains("\"n\":1"));
    }
  }

  @Test
  void copyAndSnowpipeLoadThePlaintext() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create table loaded (v variant)");
      s.execute("create stage load_s file_format = (type = json)");
      StageStreams.of(c).upload("load_s", "d", "a.json", stream("{\"a\":1}{\"a\":2}"), true);
      List<List<String>> copy = rows(s, "copy into loaded from @load_s");
      assertEquals("load_s/d/a.json.gz", copy.get(0).get(0));
      assertEquals("LOADED", copy.get(0).get(1));
      assertEquals(
          List.of(List.of("1"), List.of("2")), rows(s, "select v:a from loaded order by 1"));
    }
  }

  @Test
  void aFileMovesFromANamedStageToATableStage() throws Exception {
    // What Floe does with a file Snowpipe could not load: download, upload beside the table,
    // remove.
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create table moved (v variant)");
      StageStreams streams = StageStreams.of(c);
      byte[] gz = gzip("{\"broken\":");
      streams.upload("s", "move/p", "bad.json.gz", new ByteArrayInputStream(gz), false);
      byte[] fetched = read(streams.download("s", "move/p/bad.json.gz", false));
      streams.upload(
          "@%moved", "failed/p", "bad.json.gz", new ByteArrayInputStream(fetched), false);
      s.execute("remove @s/move/p/bad.json.gz");
      assertTrue(rows(s, "list @s/move").isEmpty());
      assertEquals(
          List.of("failed/p/bad.json.gz"),
          rows(s, "list @%moved").stream().map(r -> r.get(0)).toList());
      assertArrayEquals(gz, read(streams.download("@%moved", "failed/p/bad.json.gz", false)));
    }
  }

  @Test
  void objectUrlsNeedTheServersSignature() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String url =
        SNOWFLAKE.get().url()
            + "/gcs/local-bucket/stages/named/CLOUD/PUBLIC/S/forged.json?sfqid=x"
            + "&X-Goog-Signature=00";
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, put.statusCode());
    assertTrue(put.body().contains("SignatureDoesNotMatch"), put.body());
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertTrue(rows(s, "list @s/forged").isEmpty());
    }
  }

  /** Stored stage files with these names under the local Snowflake's data directory. */
  private static List<Path> storedFiles(String... names) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SNOWFLAKE.get().dataDirectory().resolve("stages"))) {
      walk.filter(p -> List.of(names).contains(p.getFileName().toString())).forEach(found::add);
    }
    assertEquals(names.length, found.size(), found.toString());
    return found;
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static List<List<String>> rows(Statement s, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(String text) throws IOException {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  /** Gunzips and re-gzips, so two gzip encodings of the same content compare equal. */
  private static byte[] gzipOf(byte[] gzipped) throws IOException {
    return gzip(gunzip(gzipped).getBytes(StandardCharsets.UTF_8));
  }

  private static String gunzip(byte[] gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
