package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnowflakeUrlTest {

  @ParameterizedTest
  @CsvSource({
    // input, host, port, account
    "myacct.snowflakecomputing.com, myacct.snowflakecomputing.com, 443, MYACCT",
    "myacct.snowflakecomputing.com:443, myacct.snowflakecomputing.com, 443, MYACCT",
    "https://xy12345.eu-west-1.snowflakecomputing.com, xy12345.eu-west-1.snowflakecomputing.com,"
        + " 443, XY12345",
    "https://XY12345.EU-WEST-1.snowflakecomputing.com:443/,"
        + " xy12345.eu-west-1.snowflakecomputing.com, 443, XY12345",
    "'  myorg-myaccount.snowflakecomputing.com  ', myorg-myaccount.snowflakecomputing.com, 443,"
        + " MYORG-MYACCOUNT",
    "xy12345.us-east-1.privatelink.snowflakecomputing.com:8443,"
        + " xy12345.us-east-1.privatelink.snowflakecomputing.com, 8443, XY12345",
    "myorg-my_account.snowflakecomputing.com, myorg-my_account.snowflakecomputing.com, 443,"
        + " MYORG-MY_ACCOUNT",
    "xy12345-a1b2c3.global.snowflakecomputing.com, xy12345-a1b2c3.global.snowflakecomputing.com,"
        + " 443, XY12345",
    "xy12345.cn-north-1.snowflakecomputing.cn, xy12345.cn-north-1.snowflakecomputing.cn, 443,"
        + " XY12345",
  })
  void parsesAccountUrls(String input, String host, int port, String account) {
    SnowflakeUrl url = SnowflakeUrl.parse(input, null);
    assertEquals("https", url.scheme());
    assertTrue(url.ssl());
    assertEquals(host, url.host());
    assertEquals(port, url.port());
    assertEquals(account, url.account());
    assertEquals("jdbc:snowflake://" + host + ":" + port + "/", url.jdbcUrl());
  }

  @Test
  void httpLocalEndpointNeedsTheAccountSetting() {
    SnowflakeUrl url = SnowflakeUrl.parse("http://127.0.0.1:54321", "localtest");
    assertEquals("http", url.scheme());
    assertEquals("127.0.0.1", url.host());
    assertEquals(54321, url.port());
    assertEquals("LOCALTEST", url.account());
    assertEquals("jdbc:snowflake://127.0.0.1:54321/?ssl=off", url.jdbcUrl());
    assertEquals("127.0.0.1:54321", url.hostAndPort());
  }

  @Test
  void httpDefaultsToPort80() {
    assertEquals(80, SnowflakeUrl.parse("http://localhost", "ACCT").port());
  }

  @Test
  void accountSettingOverridesTheHost() {
    SnowflakeUrl url =
        SnowflakeUrl.parse("xy12345.eu-west-1.snowflakecomputing.com", " myorg-acct ");
    assertEquals("MYORG-ACCT", url.account());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "https://snowflake.internal.example.com"})
  void nonSnowflakeHostWithoutAccountSaysToSetIt(String input) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> SnowflakeUrl.parse(input, "  "));
    assertEquals(ErrorCode.FLOE_0002, e.code());
    assertEquals("snowflake.url.name", e.key());
    assertTrue(e.getMessage().contains("snowflake.account.name"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                   | empty",
        "ftp://xy12345.snowflakecomputing.com                 | scheme 'ftp'",
        "https://xy12345.snowflakecomputing.com/console#/home | path",
        "xy12345.snowflakecomputing.com?warehouse=WH          | path",
        "xy12345.snowflakecomputing.com:https                 | port 'https'",
        "xy12345.snowflakecomputing.com:70000                 | port 70000",
        "xy12345.snowflakecomputing.com:0                     | port 0",
        "https://app.snowflake.com/eu-west-1/xy12345          | Snowsight",
        "my account.snowflakecomputing.com                    | no spaces",
        "https://-bad-.snowflakecomputing.com                 | not a valid host",
        "https://                                             | not a valid host",
      })
  void malformedUrlsNameTheSettingAndShowAnExample(String input, String why) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> SnowflakeUrl.parse(input, "ACCT"));
    assertEquals(ErrorCode.FLOE_0001, e.code());
    assertEquals("snowflake.url.name", e.key());
    String message = e.getMessage();
    assertTrue(message.startsWith("FLOE-0001 snowflake.url.name "), message);
    assertTrue(message.contains(why), message);
    assertTrue(message.contains("Example: myorg-myaccount.snowflakecomputing.com"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://xy12345.snowflakecomputing.com",
        "http://10.0.0.5:8080",
        "HTTP://proxy.internal.example.com:80",
        "http://128.0.0.1:8080",
        "http://localhost.example.com:8080",
      })
  void httpIsRefusedForHostsOffThisMachine(String input) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> SnowflakeUrl.parse(input, "ACCT"));
    assertEquals(ErrorCode.FLOE_0040, e.code());
    assertEquals("snowflake.url.name", e.key());
    assertTrue(e.getMessage().startsWith("FLOE-0040 snowflake.url.name "), e.getMessage());
    assertTrue(e.getMessage().contains("https://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:1234", "http://127.10.20.30", "http://LocalHost:8"})
  void httpIsAcceptedForLoopbackHosts(String input) {
    assertFalse(SnowflakeUrl.parse(input, "ACCT").ssl());
  }

  @Test
  void toStringShowsEndpointAndAccount() {
    assertEquals(
        "https://xy12345.snowflakecomputing.com:443 (account XY12345)",
        SnowflakeUrl.parse("xy12345.snowflakecomputing.com", null).toString());
  }
}
