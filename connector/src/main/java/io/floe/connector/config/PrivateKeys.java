package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code snowflake.private.key} (+ {@code snowflake.private.key.passphrase}) into a {@link
 * SnowflakeKey}.
 *
 * <p>Accepts what users paste into Connect configs: a full PEM or only its base64 body; newlines,
 * spaces or literal {@code \n} sequences anywhere; PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, PBES1 or PBES2 with AES or 3DES) and PKCS#1 ({@code RSA PRIVATE
 * KEY}, also OpenSSL's legacy encrypted form). The kind is detected from the DER structure, so a
 * body without its BEGIN line works too. Decryption uses a private BouncyCastle provider instance
 * (never registered JVM-wide): the JDK cannot decrypt PBES2 with 3DES, which is what Snowflake's
 * documentation ({@code openssl pkcs8 -topk8 -v2 des3}) produces.
 *
 * <p>Error messages never contain key material or the passphrase.
 */
final class PrivateKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateKeys.class);

  private static final String KEY = FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY;
  private static final String PASSPHRASE = FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE;
  private static final Pattern BEGIN = Pattern.compile("-----\\s*BEGIN ([A-Z0-9 ]+?)\\s*-----");
  private static final Pattern END = Pattern.compile("-----\\s*END ([A-Z0-9 ]+?)\\s*-----");
  private static final Pattern DEK_INFO =
      Pattern.compile("DEK-Info:\\s*([A-Za-z0-9-]+)\\s*,\\s*([0-9A-Fa-f]+)");

  private PrivateKeys() {}

  /** Lazily created: building the provider takes a noticeable fraction of a second. */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /**
   * @param keyText the value of {@code snowflake.private.key}
   * @param passphrase the value of {@code snowflake.private.key.passphrase}, null or empty if none
   * @throws InvalidConfigException naming the key or the passphrase setting
   */
  static SnowflakeKey parse(String keyText, String passphrase) {
    boolean hasPassphrase = passphrase != null && !passphrase.isEmpty();
    Pem pem = Pem.of(keyText);
    PrivateKeyInfo info;
    boolean encrypted;
    if (pem.legacyEncrypted) {
      encrypted = true;
      info = decryptLegacy(pem, requirePassphrase(passphrase));
    } else {
      ASN1Sequence seq = derSequence(pem.body);
      if (isEncryptedPkcs8(seq)) {
        encrypted = true;
        info = decryptPkcs8(seq, requirePassphrase(passphrase));
      } else if (isPkcs8(seq)) {
        encrypted = false;
        info = pkcs8(seq);
      } else if (isPkcs1(seq)) {
        encrypted = false;
        info = wrapPkcs1(seq);
      } else {
        throw unreadable("It is not a PKCS#8 or PKCS#1 private key.");
      }
    }
    if (!encrypted && hasPassphrase) {
      LOG.warn("{} is set but {} is not encrypted; the passphrase is ignored.", PASSPHRASE, KEY);
    }
    return toSnowflakeKey(info);
  }

  private static String requirePassphrase(String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new InvalidConfigException(
          PASSPHRASE, ErrorCode.FLOE_0005, "The key is an encrypted private key.");
    }
    return passphrase;
  }

  private static ASN1Sequence derSequence(byte[] der) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      if (primitive instanceof ASN1Sequence seq && seq.size() >= 2) {
        return seq;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: not DER
    }
    throw unreadable("Its base64 content is not a DER-encoded key.");
  }

  // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING }
  private static boolean isEncryptedPkcs8(ASN1Sequence seq) {
    return seq.size() == 2
        && seq.getObjectAt(0) instanceof ASN1Sequence
        && seq.getObjectAt(1) instanceof ASN1OctetString;
  }

  // PrivateKeyInfo ::= SEQUENCE { INTEGER version, AlgorithmIdentifier, OCTET STRING, ... }
  private static boolean isPkcs8(ASN1Sequence seq) {
    return seq.size() >= 3
        && seq.getObjectAt(0) instanceof ASN1Integer
        && seq.getObjectAt(1) instanceof ASN1Sequence
        && seq.getObjectAt(2) instanceof ASN1OctetString;
  }

  // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv [, otherPrimeInfos] }
  private static boolean isPkcs1(ASN1Sequence seq) {
    if (seq.size() < 9) {
      return false;
    }
    for (int i = 0; i < 9; i++) {
      if (!(seq.getObjectAt(i) instanceof ASN1Integer)) {
        return false;
      }
    }
    return true;
  }

  private static PrivateKeyInfo pkcs8(ASN1Sequence seq) {
    try {
      return PrivateKeyInfo.getInstance(seq);
    } catch (RuntimeException e) {
      throw unreadable("Its PKCS#8 structure is invalid.");
    }
  }

  private static PrivateKeyInfo wrapPkcs1(ASN1Sequence seq) {
    try {
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          RSAPrivateKey.getInstance(seq));
    } catch (IOException | RuntimeException e) {
      throw unreadable("Its PKCS#1 RSA key data is invalid.");
    }
  }

  private static PrivateKeyInfo decryptPkcs8(ASN1Sequence seq, String passphrase) {
    PKCS8EncryptedPrivateKeyInfo encrypted;
    try {
      encrypted = new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(seq));
    } catch (RuntimeException e) {
      throw unreadable("It looks like an encrypted PKCS#8 key but its structure is invalid.");
    }
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(Bc.PROVIDER)
              .build(passphrase.toCharArray()));
    } catch (OperatorCreationException e) {
      throw unreadable(
          "It is encrypted with an unsupported algorithm ("
              + encrypted.getEncryptionAlgorithm().getAlgorithm()
              + "); re-encrypt it with `openssl pkcs8 -topk8 -v2 aes256`.");
    } catch (PKCSException | RuntimeException e) {
      // A wrong passphrase shows up as a padding error or, rarely, as garbage that is not a key.
      throw wrongPassphrase();
    }
  }

  private static PrivateKeyInfo decryptLegacy(Pem pem, String passphrase) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem.rebuildLegacy()))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw unreadable("Its encrypted PKCS#1 (Proc-Type) block is not readable.");
    }
    if (!(parsed instanceof PEMEncryptedKeyPair pair)) {
      throw unreadable("Its encrypted PKCS#1 (Proc-Type) block is not readable.");
    }
    try {
      return pair.decryptKeyPair(
              new JcePEMDecryptorProviderBuilder()
                  .setProvider(Bc.PROVIDER)
                  .build(passphrase.toCharArray()))
          .getPrivateKeyInfo();
    } catch (IOException | RuntimeException e) {
      throw wrongPassphrase();
    }
  }

  private static SnowflakeKey toSnowflakeKey(PrivateKeyInfo info) {
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      throw new InvalidConfigException(
          KEY, ErrorCode.FLOE_0004, "It is " + describe(algorithm) + " key.");
    }
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
      if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
        throw unreadable("It lacks the public exponent (not a CRT key), so it cannot be checked.");
      }
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      String fingerprint = "SHA256:" + Base64.getEncoder().encodeToString(digest);
      if (publicKey.getModulus().bitLength() < 2048) {
        LOG.warn(
            "{} is a {}-bit RSA key; Snowflake requires at least 2048 bits.",
            KEY,
            publicKey.getModulus().bitLength());
      }
      return new SnowflakeKey(privateKey, publicKey, fingerprint);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      if (e instanceof InvalidConfigException ice) {
        throw ice;
      }
      throw unreadable("Its RSA key data is invalid.");
    }
  }

  private static String describe(ASN1ObjectIdentifier algorithm) {
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      return "an EC";
    }
    if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
      return "an Ed25519";
    }
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm)) {
      return "an RSASSA-PSS";
    }
    return "a non-RSA (" + algorithm.getId() + ")";
  }

  static InvalidConfigException unreadable(String why) {
    return new InvalidConfigException(KEY, ErrorCode.FLOE_0003, why);
  }

  private static InvalidConfigException wrongPassphrase() {
    return new InvalidConfigException(
        PASSPHRASE, ErrorCode.FLOE_0006, "Decryption failed, usually a wrong passphrase.");
  }

  /** The base64 body of the value, plus what its PEM armour (if any) says about it. */
  private static final class Pem {
    final byte[] body;
    final boolean legacyEncrypted;
    final String dekInfo;
    final String legacyBase64;

    private Pem(byte[] body, boolean legacyEncrypted, String dekInfo, String legacyBase64) {
      this.body = body;
      this.legacyEncrypted = legacyEncrypted;
      this.dekInfo = dekInfo;
      this.legacyBase64 = legacyBase64;
    }

    static Pem of(String value) {
      if (value == null || value.isBlank()) {
        throw unreadable("The value is empty.");
      }
      // Connect configs often carry the PEM with its newlines escaped as the two characters \n.
      String text = value.replace("\\r", "\n").replace("\\n", "\n").trim();
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1).trim();
      }
      if (text.contains("${")) {
        throw unreadable(
            "It is a config provider reference that the Connect worker did not resolve; check"
                + " the worker's config.providers settings.");
      }
      String content = text;
      Matcher begin = BEGIN.matcher(text);
      if (begin.find()) {
        String label = begin.group(1);
        if (label.contains("PUBLIC KEY") || label.contains("CERTIFICATE")) {
          throw unreadable(
              "It is a "
                  + label.toLowerCase(java.util.Locale.ROOT)
                  + ", not a private key. Put the private key here and register the public key"
                  + " with ALTER USER ... SET RSA_PUBLIC_KEY.");
        }
        if (label.equals("OPENSSH PRIVATE KEY")) {
          throw unreadable(
              "It is in OpenSSH format; convert it with"
                  + " `ssh-keygen -p -m PKCS8 -f <file>` or create the key with openssl.");
        }
        if (label.equals("EC PRIVATE KEY") || label.equals("DSA PRIVATE KEY")) {
          throw new InvalidConfigException(
              KEY,
              ErrorCode.FLOE_0004,
              label.startsWith("EC") ? "It is an EC key." : "It is a DSA key.");
        }
        content = text.substring(begin.end());
        Matcher end = END.matcher(content);
        if (end.find()) {
          content = content.substring(0, end.start());
        }
      } else if (END.matcher(text).find()) {
        content = END.matcher(text).replaceAll("");
      }
      if (content.contains("Proc-Type:")) {
        Matcher dek = DEK_INFO.matcher(content);
        if (!dek.find()) {
          throw unreadable("It has a Proc-Type header but no DEK-Info header.");
        }
        String base64 = content.substring(dek.end()).replaceAll("\\s", "");
        return new Pem(null, true, dek.group(1) + "," + dek.group(2), base64);
      }
      String base64 = content.replaceAll("\\s", "");
      try {
        return new Pem(Base64.getDecoder().decode(base64), false, null, null);
      } catch (IllegalArgumentException e) {
        throw unreadable("It is neither a PEM block nor base64 text.");
      }
    }

    /** A well-formed legacy PEM for BouncyCastle's parser, whatever whitespace the user kept. */
    String rebuildLegacy() {
      StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
      pem.append("Proc-Type: 4,ENCRYPTED\n").append("DEK-Info: ").append(dekInfo).append("\n\n");
      for (int i = 0; i < legacyBase64.length(); i += 64) {
        pem.append(legacyBase64, i, Math.min(legacyBase64.length(), i + 64)).append('\n');
      }
      return pem.append("-----END RSA PRIVATE KEY-----\n").toString();
    }
  }
}
