package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, roles and grants, and the privilege checks behind SQL and Catalog.requirePrivilege. */
class PrivilegeTest {
  private final SqlFixture sf = new SqlFixture();
  private final SessionState loader = new SessionState("KAFKA", "LOADER", "DB", "PUBLIC", null);

  @BeforeEach
  void setUp() {
    sf.run("create database db");
    sf.run("create table existing (v variant)");
    sf.run("create role loader");
    sf.run(
        "create user kafka password = 'pw' default_role = loader"
            + " default_namespace = db.public");
    sf.run("grant role loader to user kafka");
  }

  @AfterEach
  void close() {
    sf.close();
  }

  @Test
  void roleWithoutUsageSeesNothing() {
    SnowflakeError e = sf.error(loader, "select * from existing");
    assertEquals("002003", e.code());
    assertEquals("02000", e.sqlState());
    assertTrue(e.getMessage().contains("Database 'DB' does not exist or not authorized."));
  }

  @Test
  void grantsOpenTheWayStepByStep() {
    sf.run("grant usage on database db to role loader");
    sf.run("grant usage on schema db.public to role loader");
    // the table exists but the role holds nothing on it: invisible
    assertEquals("42S02", sf.error(loader, "select * from existing").sqlState());
    SnowflakeError create = sf.error(loader, "create table mine (v variant)");
    assertEquals("003001", create.code());
    assertEquals("42501", create.sqlState());
    assertEquals(
        "SQL access control error:\nInsufficient privileges to operate on schema" + " 'DB.PUBLIC'",
        create.getMessage());

    sf.run("grant create table on schema db.public to role loader");
    sf.run(loader, "create table mine (v variant)");
    sf.run(loader, "insert into mine select parse_json('{\"a\":1}')");
    assertEquals("1", sf.run(loader, "select v:a from mine").rows().get(0).get(0));
    sf.run(loader, "alter table mine add column extra string");
    sf.run(loader, "drop table mine");

    sf.run("grant select on table existing to role loader");
    assertEquals(List.of(), sf.run(loader, "select * from existing").rows());
    SnowflakeError insert = sf.error(loader, "insert into existing select parse_json('1')");
    assertEquals("003001", insert.code());
    assertTrue(insert.getMessage().endsWith("table 'EXISTING'"));
    assertEquals("003001", sf.error(loader, "drop table existing").code());

    sf.run("grant insert on all tables in schema db.public to role loader");
    sf.run(loader, "insert into existing select parse_json('1')");
    sf.run("revoke insert on table existing from role loader");
    assertEquals("003001", sf.error(loader, "insert into existing select parse_json('1')").code());
  }

  @Test
  void catalogRequirePrivilegeForStagesAndPipes() {
    ObjectName schema = new ObjectName(null, "DB", "PUBLIC");
    assertEquals(
        "02000",
        assertThrows(
                SnowflakeError.class,
                () -> sf.catalog.requirePrivilege(loader, "CREATE STAGE", "SCHEMA", schema))
            .sqlState());
    sf.run("grant usage on database db to role loader");
    sf.run("grant usage on schema db.public to role loader");
    assertEquals(
        "003001",
        assertThrows(
                SnowflakeError.class,
                () -> sf.catalog.requirePrivilege(loader, "CREATE STAGE", "SCHEMA", schema))
            .code());
    sf.run("grant create stage, create pipe on schema db.public to role loader");
    assertDoesNotThrow(() -> sf.catalog.requirePrivilege(loader, "CREATE STAGE", "SCHEMA", schema));
    ObjectName stage = new ObjectName("DB", "PUBLIC", "S1");
    sf.catalog.ownerCreated(loader, "STAGE", stage);
    assertDoesNotThrow(() -> sf.catalog.requirePrivilege(loader, "WRITE", "STAGE", stage));
    ObjectName other = new ObjectName("DB", "PUBLIC", "S2");
    assertEquals(
        "002003",
        assertThrows(
                SnowflakeError.class,
                () -> sf.catalog.requirePrivilege(loader, "READ", "STAGE", other))
            .code());
    assertDoesNotThrow(() -> sf.catalog.requirePrivilege(sf.admin, "READ", "STAGE", other));
  }

  @Test
  void useRoleNeedsAGrant() {
    SessionState s = new SessionState("KAFKA", "PUBLIC", null, null, null);
    sf.run(s, "use role loader");
    assertEquals("LOADER", s.role());
    SnowflakeError e = sf.error(s, "use role sysadmin");
    assertEquals("003013", e.code());
    assertEquals("003001", sf.error(s, "create user x").code());
    assertEquals("003001", sf.error(s, "create database x").code());
    assertTrue(sf.catalog.roleGrantedTo("KAFKA", "LOADER"));
    assertTrue(sf.catalog.roleGrantedTo("ADMIN", "SYSADMIN"), "ACCOUNTADMIN inherits SYSADMIN");
  }

  @Test
  void usersKeepKeysPasswordsAndDefaults() {
    sf.run(
        "alter user kafka set rsa_public_key = '-----BEGIN PUBLIC KEY-----\nMIIB\nAQAB\n"
            + "-----END PUBLIC KEY-----'");
    sf.run("alter user kafka set rsa_public_key_2 = 'KEY2'");
    var u = sf.catalog.user("kafka").orElseThrow();
    assertEquals("KAFKA", u.name());
    assertEquals("pw", u.password());
    assertEquals(List.of("MIIBAQAB", "KEY2"), u.rsaPublicKeys());
    assertEquals("LOADER", u.defaultRole());
    assertEquals("DB", u.defaultDatabase());
    assertEquals("PUBLIC", u.defaultSchema());
    sf.run("alter user kafka unset rsa_public_key");
    assertEquals(List.of("KEY2"), sf.catalog.user("KAFKA").orElseThrow().rsaPublicKeys());
    sf.run("alter user kafka set disabled = true");
    assertTrue(sf.catalog.user("KAFKA").orElseThrow().disabled());
    assertEquals(List.of("ADMIN", "KAFKA"), sf.column("show users", 0));
  }
}
