package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeysTest {
  private static final KeyPair PAIR = TestKeys.pair();
  private static final PrivateKey KEY = PAIR.getPrivate();
  private static final String FINGERPRINT = TestKeys.fingerprint(PAIR.getPublic());
  private static final String KEY_SETTING = "snowflake.private.key";
  private static final String PASSPHRASE_SETTING = "snowflake.private.key.passphrase";

  private static void assertIsTestKey(SnowflakeKey parsed) {
    assertArrayEquals(KEY.getEncoded(), parsed.privateKey().getEncoded());
    assertArrayEquals(PAIR.getPublic().getEncoded(), parsed.publicKey().getEncoded());
    assertEquals(FINGERPRINT, parsed.fingerprint());
    assertEquals(2048, parsed.bits());
  }

  @Test
  void readsUnencryptedPkcs8Pem() {
    assertIsTestKey(PrivateKeys.parse(TestKeys.pkcs8Pem(KEY), null));
  }

  @Test
  void readsPemBodyWithoutArmour() {
    assertIsTestKey(PrivateKeys.parse(TestKeys.body(TestKeys.pkcs8Pem(KEY)), ""));
  }

  @Test
  void toleratesEscapedNewlinesSpacesAndQuotes() {
    String pem = TestKeys.pkcs8Pem(KEY);
    assertIsTestKey(PrivateKeys.parse(pem.replace("\n", "\\n"), null));
    assertIsTestKey(PrivateKeys.parse(pem.replace("\n", "\\r\\n"), null));
    assertIsTestKey(PrivateKeys.parse(pem.replace("\n", " "), null));
    assertIsTestKey(PrivateKeys.parse("\"" + pem.trim() + "\"", null));
    assertIsTestKey(PrivateKeys.parse("  \n" + pem + "\n\n", null));
  }

  @Test
  void readsPkcs1RsaPrivateKey() {
    String pem = TestKeys.pkcs1Pem(KEY);
    assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"), pem.substring(0, 40));
    assertIsTestKey(PrivateKeys.parse(pem, null));
    assertIsTestKey(PrivateKeys.parse(TestKeys.body(pem), null));
  }

  @Test
  void readsEncryptedPkcs8WithDes3AndAes() {
    for (var cipher : List.of(PKCS8Generator.DES3_CBC, PKCS8Generator.AES_256_CBC)) {
      String pem = TestKeys.encryptedPkcs8Pem(KEY, cipher, TestKeys.PASSPHRASE);
      assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
      assertIsTestKey(PrivateKeys.parse(pem, TestKeys.PASSPHRASE));
      assertIsTestKey(PrivateKeys.parse(TestKeys.body(pem), TestKeys.PASSPHRASE));
    }
  }

  @Test
  void readsLegacyEncryptedPkcs1EvenWithMangledWhitespace() {
    String pem = TestKeys.legacyEncryptedPkcs1Pem(KEY, TestKeys.PASSPHRASE);
    assertTrue(pem.contains("Proc-Type: 4,ENCRYPTED"));
    assertIsTestKey(PrivateKeys.parse(pem, TestKeys.PASSPHRASE));
    assertIsTestKey(PrivateKeys.parse(pem.replace("\n", "\\n"), TestKeys.PASSPHRASE));
  }

  /** Keys written by the real openssl (see src/test/resources/.../README.md). */
  @ParameterizedTest
  @ValueSource(strings = {"openssl-pkcs8-des3.pem", "openssl-pkcs1-aes128-legacy.pem"})
  void readsOpensslKeysAndMatchesOpensslFingerprint(String file) throws IOException {
    String expected = "SHA256:" + resource("openssl-key.fingerprint").trim();
    SnowflakeKey parsed = PrivateKeys.parse(resource(file), "floe-test-passphrase");
    assertEquals(expected, parsed.fingerprint());
  }

  @Test
  void wrongPassphraseIsReportedAgainstThePassphrase() {
    for (var cipher : List.of(PKCS8Generator.DES3_CBC, PKCS8Generator.AES_256_CBC)) {
      String pem = TestKeys.encryptedPkcs8Pem(KEY, cipher, TestKeys.PASSPHRASE);
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class, () -> PrivateKeys.parse(pem, "Tr0ub4dor&3-not-it"));
      assertEquals(ErrorCode.FLOE_0006, e.code());
      assertEquals(PASSPHRASE_SETTING, e.key());
      assertNoSecrets(e.getMessage(), pem, "Tr0ub4dor&3-not-it");
    }
    String legacy = TestKeys.legacyEncryptedPkcs1Pem(KEY, TestKeys.PASSPHRASE);
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> PrivateKeys.parse(legacy, "nope"));
    assertEquals(ErrorCode.FLOE_0006, e.code());
  }

  @Test
  void encryptedKeyWithoutPassphraseAsksForIt() {
    String pem = TestKeys.encryptedPkcs8Pem(KEY, PKCS8Generator.DES3_CBC, TestKeys.PASSPHRASE);
    for (String missing : new String[] {null, ""}) {
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> PrivateKeys.parse(pem, missing));
      assertEquals(ErrorCode.FLOE_0005, e.code());
      assertEquals(PASSPHRASE_SETTING, e.key());
      assertTrue(e.getMessage().contains("snowflake.private.key.passphrase"), e.getMessage());
    }
  }

  @Test
  void passphraseForUnencryptedKeyWarnsAndStillWorks() {
    try (LogCapture log = new LogCapture(PrivateKeys.class)) {
      assertIsTestKey(PrivateKeys.parse(TestKeys.pkcs8Pem(KEY), TestKeys.PASSPHRASE));
      List<String> warnings = log.messages();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("not encrypted"), warnings.get(0));
      assertFalse(warnings.get(0).contains(TestKeys.PASSPHRASE));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a key at all",
        "aGVsbG8gd29ybGQ=",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
        "   ",
        "MIIBOgIBAAJBAK=="
      })
  void garbageIsReportedAgainstTheKeyWithoutEchoingIt(String garbage) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> PrivateKeys.parse(garbage, null));
    assertEquals(ErrorCode.FLOE_0003, e.code());
    assertEquals(KEY_SETTING, e.key());
    if (!garbage.isBlank()) {
      assertNoSecrets(e.getMessage(), garbage);
    }
  }

  @Test
  void truncatedKeyIsUnreadable() {
    String body = TestKeys.body(TestKeys.pkcs8Pem(KEY));
    String truncated = body.substring(0, body.length() / 2);
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> PrivateKeys.parse(truncated, null));
    assertEquals(ErrorCode.FLOE_0003, e.code());
    assertNoSecrets(e.getMessage(), truncated);
  }

  @Test
  void publicKeyInsteadOfPrivateKeySaysSo() {
    String pem = TestKeys.pem("PUBLIC KEY", PAIR.getPublic().getEncoded());
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> PrivateKeys.parse(pem, null));
    assertEquals(ErrorCode.FLOE_0003, e.code());
    assertTrue(e.getMessage().contains("public key, not a private key"), e.getMessage());
  }

  @Test
  void nonRsaKeyIsRejected() {
    KeyPair ec = TestKeys.generate("EC", 256);
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> PrivateKeys.parse(TestKeys.pkcs8Pem(ec.getPrivate()), null));
    assertEquals(ErrorCode.FLOE_0004, e.code());
    assertTrue(e.getMessage().contains("EC key"), e.getMessage());
  }

  @Test
  void otherKeyFormatsAreNamed() {
    InvalidConfigException ssh =
        assertThrows(
            InvalidConfigException.class,
            () -> PrivateKeys.parse(TestKeys.pem("OPENSSH PRIVATE KEY", new byte[] {1, 2}), null));
    assertEquals(ErrorCode.FLOE_0003, ssh.code());
    assertTrue(ssh.getMessage().contains("OpenSSH format"), ssh.getMessage());
    InvalidConfigException sec1 =
        assertThrows(
            InvalidConfigException.class,
            () -> PrivateKeys.parse(TestKeys.pem("EC PRIVATE KEY", new byte[] {1, 2}), null));
    assertEquals(ErrorCode.FLOE_0004, sec1.code());
    assertTrue(sec1.getMessage().contains("It is an EC key"), sec1.getMessage());
  }

  @Test
  void unresolvedConfigProviderReferenceIsExplained() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> PrivateKeys.parse("${vault:secret/kafka:private_key}", null));
    assertEquals(ErrorCode.FLOE_0003, e.code());
    assertTrue(e.getMessage().contains("config provider"), e.getMessage());
  }

  @Test
  void toStringShowsOnlyTheFingerprint() {
    SnowflakeKey parsed = PrivateKeys.parse(TestKeys.pkcs8Pem(KEY), null);
    assertEquals(
        "RSA key (2048 bits, public key fingerprint " + FINGERPRINT + ")", parsed.toString());
  }

  /** Neither the value (nor any 16-character run of it) may appear in the message. */
  static void assertNoSecrets(String message, String... secrets) {
    for (String secret : secrets) {
      String compact = secret.replaceAll("\\s", "");
      for (int i = 0; i + 16 <= compact.length(); i += 8) {
        String run = compact.substring(i, i + 16);
        assertFalse(message.contains(run), "message leaks secret material: " + message);
      }
      if (compact.length() < 16 && !compact.isEmpty()) {
        assertFalse(message.contains(secret), "message leaks secret: " + message);
      }
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PrivateKeysTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
