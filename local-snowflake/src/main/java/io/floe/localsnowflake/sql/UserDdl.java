package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.PublicKeys;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** CREATE / ALTER / DROP / DESC / SHOW USER: passwords and the RSA keys key-pair logins use. */
final class UserDdl {
  private static final Set<String> USER_PROPS =
      Set.of(
          "PASSWORD",
          "RSA_PUBLIC_KEY",
          "RSA_PUBLIC_KEY_2",
          "DEFAULT_ROLE",
          "DEFAULT_WAREHOUSE",
          "DEFAULT_NAMESPACE",
          "DISABLED",
          "COMMENT",
          "LOGIN_NAME",
          "DISPLAY_NAME",
          "FIRST_NAME",
          "LAST_NAME",
          "EMAIL",
          "MUST_CHANGE_PASSWORD",
          "TYPE");

  /** User properties the local Snowflake keeps, by catalog column. */
  private static final Map<String, String> USER_COLUMNS =
      Map.of(
          "PASSWORD",
          "password",
          "RSA_PUBLIC_KEY",
          "rsa_public_key",
          "RSA_PUBLIC_KEY_2",
          "rsa_public_key_2",
          "DEFAULT_ROLE",
          "default_role",
          "DEFAULT_WAREHOUSE",
          "default_warehouse",
          "DEFAULT_NAMESPACE",
          "default_namespace",
          "DISABLED",
          "disabled",
          "COMMENT",
          "comment");

  private final DuckCatalog catalog;
  private final AccessStore access;
  private final Privileges privileges;

  UserDdl(DuckCatalog catalog) {
    this.catalog = catalog;
    this.access = catalog.access();
    this.privileges = catalog.privileges();
  }

  Rows createUser(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    String name = c.objectName().name();
    c.accept("WITH");
    Map<String, String> props = Props.parse(c, "CREATE USER", USER_PROPS);
    c.expectEnd();
    privileges.requireUserAdmin(s, "account 'LOCAL'");
    if (props.containsKey("LOGIN_NAME") && !props.get("LOGIN_NAME").equalsIgnoreCase(name)) {
      throw SnowflakeError.unsupported("a LOGIN_NAME different from the user name");
    }
    // Check and create in one transaction (it holds the store's lock): concurrent creators of
    // one user see each other's.
    boolean created =
        catalog
            .duck()
            .transaction(
                conn -> {
                  boolean exists = access.user(name).isPresent();
                  if (exists && ifNotExists) {
                    return false;
                  }
                  if (exists && !replace) {
                    throw SnowflakeError.alreadyExists(name);
                  }
                  if (exists) {
                    access.dropUser(name);
                  }
                  access.createUser(name, s.role());
                  setUser(name, props);
                  return true;
                });
    if (!created) {
      return Rows.status(name + " already exists, statement succeeded.");
    }
    return Rows.status("User " + name + " successfully created.");
  }

  private void setUser(String user, Map<String, String> props) {
    for (Map.Entry<String, String> p : props.entrySet()) {
      String column = USER_COLUMNS.get(p.getKey());
      if (column == null) {
        continue; // descriptive properties (names, e-mail, TYPE) have no effect here
      }
      Object value = p.getValue();
      if (p.getKey().startsWith("RSA_PUBLIC_KEY") && value != null) {
        value = keyBody((String) value);
      } else if (p.getKey().equals("DISABLED")) {
        value = Props.truthy(p.getValue());
      }
      access.setUserProperty(user, column, value);
    }
  }

  /** Keeps the base64 DER body of a public key, with or without PEM armour and line breaks. */
  static String keyBody(String key) {
    return PublicKeys.body(key);
  }

  Rows alterUser(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    String name = c.objectName().name();
    if (access.user(name).isEmpty()) {
      if (ifExists) {
        return Rows.status("Statement executed successfully.");
      }
      throw SnowflakeError.objectMissing("User", name);
    }
    if (!name.equals(s.user())) {
      privileges.requireUserAdmin(s, "user '" + name + "'");
    }
    if (c.accept("SET")) {
      Map<String, String> props = Props.parse(c, "ALTER USER", USER_PROPS);
      c.expectEnd();
      catalog
          .duck()
          .transaction(
              conn -> {
                setUser(name, props);
                return null;
              });
    } else if (c.accept("UNSET")) {
      List<String> unset = new ArrayList<>();
      do {
        Token t = c.next();
        String prop = t.text().toUpperCase(Locale.ROOT);
        if (!USER_COLUMNS.containsKey(prop)) {
          throw SnowflakeError.unsupported("UNSET " + prop);
        }
        unset.add(prop);
      } while (c.acceptSymbol(","));
      c.expectEnd();
      for (String prop : unset) {
        access.setUserProperty(
            name, USER_COLUMNS.get(prop), prop.equals("DISABLED") ? Boolean.FALSE : null);
      }
    } else {
      throw SnowflakeError.unsupported("ALTER USER " + c.peek().text().toUpperCase(Locale.ROOT));
    }
    return Rows.status("Statement executed successfully.");
  }

  Rows dropUser(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    String name = c.objectName().name();
    c.expectEnd();
    privileges.requireUserAdmin(s, "account 'LOCAL'");
    if (access.user(name).isEmpty()) {
      if (ifExists) {
        return Rows.status("Drop statement executed successfully (" + name + " already dropped).");
      }
      throw SnowflakeError.objectMissing("User", name);
    }
    access.dropUser(name);
    return Rows.status(name + " successfully dropped.");
  }

  Rows describeUser(SessionState s, TokenCursor c) {
    String name = c.objectName().name();
    c.expectEnd();
    if (!name.equals(s.user())) {
      privileges.requireUserAdmin(s, "user '" + name + "'");
    }
    AccessStore.User u =
        access.user(name).orElseThrow(() -> SnowflakeError.objectMissing("User", name));
    ResultBuilder b = new ResultBuilder().text("property", "value", "default", "description");
    b.row("NAME", u.name(), null, "Name");
    b.row("LOGIN_NAME", u.name(), null, "Login name of the user");
    b.row("DISABLED", String.valueOf(u.disabled()), "false", "Whether the user is disabled");
    b.row("DEFAULT_WAREHOUSE", u.defaultWarehouse(), null, "Primary warehouse");
    b.row("DEFAULT_NAMESPACE", u.defaultNamespace(), null, "Default database namespace");
    b.row("DEFAULT_ROLE", u.defaultRole(), null, "Primary principal of user session");
    b.row("RSA_PUBLIC_KEY", u.rsaPublicKey(), null, "RSA public key of the user");
    b.row(
        "RSA_PUBLIC_KEY_FP",
        fingerprint(u.rsaPublicKey()),
        null,
        "Fingerprint of user's RSA" + " public key.");
    b.row("RSA_PUBLIC_KEY_2", u.rsaPublicKey2(), null, "Second RSA public key of the user");
    b.row(
        "RSA_PUBLIC_KEY_2_FP",
        fingerprint(u.rsaPublicKey2()),
        null,
        "Fingerprint of user's" + " second RSA public key.");
    b.row("COMMENT", u.comment(), null, "user comment associated to an object in the dictionary");
    b.row(
        "HAS_PASSWORD",
        String.valueOf(u.password() != null),
        "false",
        "Whether the user has" + " a password");
    return b.build(ResultBuilder.DESCRIBE);
  }

  /** {@code SHA256:<base64 of the SHA-256 of the DER key>}, as Snowflake and the JWT iss show. */
  static String fingerprint(String keyBody) {
    if (keyBody == null) {
      return null;
    }
    try {
      return "SHA256:" + PublicKeys.fingerprint(Base64.getMimeDecoder().decode(keyBody));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  Rows showUsers(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    privileges.requireUserAdmin(s, "account 'LOCAL'");
    ResultBuilder b =
        new ResultBuilder()
            .text("name")
            .timestamp("created_on")
            .text(
                "login_name",
                "display_name",
                "comment",
                "disabled",
                "default_warehouse",
                "default_namespace",
                "default_role",
                "owner",
                "has_password",
                "has_rsa_public_key");
    List<AccessStore.User> users = new ArrayList<>();
    for (AccessStore.User u : access.users()) {
      if (f.matches(u.name())) {
        users.add(u);
      }
    }
    for (AccessStore.User u : f.limit(users)) {
      b.row(
          u.name(),
          u.createdOn(),
          u.name(),
          u.name(),
          u.comment(),
          String.valueOf(u.disabled()),
          u.defaultWarehouse(),
          u.defaultNamespace(),
          u.defaultRole(),
          u.owner(),
          String.valueOf(u.password() != null),
          String.valueOf(u.rsaPublicKey() != null));
    }
    return b.build(ResultBuilder.SHOW);
  }

  // ---- roles
}
