package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MERGE through the real driver, as a change-data-capture apply step sends it: the result row
 * Snowflake returns (only the counts of the clause kinds present), WHEN clauses taken in order with
 * their AND conditions, the nondeterministic case (several source rows for one target row) failing
 * with 100090 unless ERROR_ON_NONDETERMINISTIC_MERGE is FALSE, and a VARIANT change table deduped
 * with QUALIFY ROW_NUMBER() as the source.
 */
class MergeDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private Connection c;

  @BeforeEach
  void tables() throws SQLException {
    SNOWFLAKE.get().execute("create database if not exists db");
    c = SNOWFLAKE.get().connect();
    try (Statement s = c.createStatement()) {
      s.execute("use schema db.public");
      s.execute("create or replace table target (id number, name varchar, n number)");
      s.execute("insert into target values (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
      s.execute("create or replace table src (id number, name varchar, op varchar)");
    }
  }

  @Test
  void upsertsAndDeletesAndReportsTheCountsOfThePresentClauses() throws SQLException {
    exec("insert into src values (1, 'uno', 'u'), (2, null, 'd'), (4, 'four', 'c')");
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "merge into target t using src s on t.id = s.id"
                    + " when matched and s.op = 'd' then delete"
                    + " when matched then update set name = s.name, n = t.n + 1"
                    + " when not matched then insert (id, name, n) values (s.id, s.name, 0)")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(3, md.getColumnCount());
      assertEquals("number of rows inserted", md.getColumnName(1));
      assertEquals("number of rows updated", md.getColumnName(2));
      assertEquals("number of rows deleted", md.getColumnName(3));
      assertTrue(rs.next());
      assertEquals(List.of(1L, 1L, 1L), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }
    assertEquals(List.of("1|uno|11", "3|three|30", "4|four|0"), rows());
  }

  @Test
  void anUpdateOnlyMergeHasOnlyTheUpdatedColumnAndExecuteUpdateSumsTheCounts() throws SQLException {
    exec("insert into src values (1, 'uno', 'u'), (3, 'tres', 'u'), (9, 'nine', 'c')");
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "merge into target using src on target.id = src.id"
                    + " when matched then update set target.name = src.name")) {
      assertEquals(1, rs.getMetaData().getColumnCount());
      assertEquals("number of rows updated", rs.getMetaData().getColumnName(1));
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
    }
    exec("insert into src values (5, 'five', 'c')");
    try (Statement s = c.createStatement()) {
      int n =
          s.executeUpdate(
              "merge into target as t using (select id, name from src) as s on t.id = s.id"
                  + " when not matched then insert values (s.id, s.name, -1)"
                  + " when matched then delete");
      assertEquals(4, n); // 2 inserted (9, 5) + 2 deleted (1, 3)
    }
    assertEquals(List.of("2|two|20", "5|five|-1", "9|nine|-1"), rows());
  }

  @Test
  void whenClausesAreTriedInOrderAndTheFirstWhoseConditionHoldsWins() throws SQLException {
    exec("insert into src values (1, 'a', 'x'), (2, 'b', 'y'), (3, 'c', 'z'), (7, 'g', 'x')");
    exec("insert into src values (8, 'h', 'y'), (9, 'i', 'z')");
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "merge into target t using src s on t.id = s.id"
                    + " when matched and s.op = 'x' then update set name = 'first'"
                    + " when matched and s.op in ('x', 'y') then update set name = 'second'"
                    + " when matched and s.op = 'y' then delete"
                    + " when not matched and s.op = 'x' then insert (id, name) values (s.id, 'nx')"
                    + " when not matched and s.op <> 'z' then insert (id) values (s.id)")) {
      assertTrue(rs.next());
      assertEquals(List.of(2L, 2L, 0L), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }
    // 3 matched 'z': no clause applies; 9 unmatched 'z': none either.
    assertEquals(
        List.of("1|first|10", "2|second|20", "3|three|30", "7|nx|null", "8|null|null"), rows());
  }

  @Test
  void severalSourceRowsUpdatingOneTargetRowFailWithDuplicateRowUnlessAllowed()
      throws SQLException {
    exec("insert into src values (1, 'a', 'u'), (1, 'b', 'u'), (2, 'c', 'u')");
    String merge =
        "merge into target t using src s on t.id = s.id"
            + " when matched then update set name = s.name";
    SQLException e = assertThrows(SQLException.class, () -> exec(merge));
    assertEquals(100090, e.getErrorCode());
    assertEquals("42P18", e.getSQLState());
    assertTrue(
        e.getMessage().startsWith("Duplicate row detected during DML action"), e.getMessage());
    assertEquals(List.of("1|one|10", "2|two|20", "3|three|30"), rows()); // nothing changed

    exec("alter session set error_on_nondeterministic_merge = false");
    exec(merge);
    List<String> after = rows();
    assertTrue(after.get(0).equals("1|a|10") || after.get(0).equals("1|b|10"), after.toString());
    assertEquals(List.of("2|c|20", "3|three|30"), after.subList(1, 3));
  }

  @Test
  void severalSourceRowsDeletingOneTargetRowAreDeterministic() throws SQLException {
    exec("insert into src values (1, 'a', 'd'), (1, 'b', 'd')");
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "merge into target t using src s on t.id = s.id when matched then delete")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1));
    }
    assertEquals(List.of("2|two|20", "3|three|30"), rows());
  }

  @Test
  void aVariantChangeTableDedupedWithQualifyRowNumberIsApplied() throws SQLException {
    exec("create or replace table changes (record_metadata variant, record_content variant)");
    String[][] changes = {
      {"0", "1", "{\"id\":1,\"name\":\"old\",\"op\":\"u\"}"},
      {"0", "2", "{\"id\":1,\"name\":\"newest\",\"op\":\"u\"}"},
      {"1", "7", "{\"id\":2,\"op\":\"d\"}"},
      {"1", "8", "{\"id\":5,\"name\":\"five\",\"op\":\"c\"}"},
      {"1", "9", "{\"id\":6,\"name\":\"gone\",\"op\":\"c\"}"},
      {"1", "10", "{\"id\":6,\"op\":\"d\"}"},
    };
    for (String[] ch : changes) {
      exec(
          "insert into changes select parse_json('{\"partition\":"
              + ch[0]
              + ",\"offset\":"
              + ch[1]
              + "}'), parse_json('"
              + ch[2]
              + "')");
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "merge into target t using ( select record_content:id::number as id,"
                    + " record_content:name::varchar as name, record_content:op::varchar as op from"
                    + " changes qualify row_number() over (partition by record_content:id order by"
                    + " record_metadata:partition desc, record_metadata:offset desc) = 1) s on t.id"
                    + " = s.id when matched and s.op = 'd' then delete when matched then update set"
                    + " t.name = s.name when not matched and s.op <> 'd' then insert (id, name)"
                    + " values (s.id, s.name)")) {
      assertTrue(rs.next());
      assertEquals(List.of(1L, 1L, 1L), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }
    assertEquals(List.of("1|newest|10", "3|three|30", "5|five|null"), rows());
  }

  @Test
  void variantTargetColumnsTakeVariantValuesFromTheSource() throws SQLException {
    exec("create or replace table people (id number, address variant, tags array)");
    exec("insert into people select 1, parse_json('{\"city\":\"Oslo\"}'), parse_json('[1]')");
    exec("create or replace table people_changes (record_content variant)");
    exec(
        "insert into people_changes select parse_json('{\"id\":1,\"address\":{\"city\":\"Bergen\","
            + "\"zip\":5003},\"tags\":[\"a\",\"b\"]}')");
    exec(
        "insert into people_changes select parse_json('{\"id\":2,\"address\":{\"city\":\"Tromsø\"},"
            + "\"tags\":[]}')");
    exec(
        "merge into people p using people_changes c on p.id = c.record_content:id::number"
            + " when matched then update set address = c.record_content:address,"
            + " tags = c.record_content:tags"
            + " when not matched then insert (id, address, tags) values"
            + " (c.record_content:id, c.record_content:address, c.record_content:tags)");
    List<String> got = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id, address:city::varchar, address:zip, array_size(tags) from people"
                    + " order by id")) {
      while (rs.next()) {
        got.add(
            rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4));
      }
    }
    assertEquals(List.of("1|Bergen|5003|2", "2|Tromsø|null|0"), got);
  }

  @Test
  void qualifyFiltersASelectOnItsWindowFunction() throws SQLException {
    exec("insert into src values (1, 'a', 'x'), (1, 'b', 'y'), (2, 'c', 'z')");
    List<String> got = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id, name, row_number() over (partition by id order by name desc) as rn"
                    + " from src qualify rn = 1 order by id")) {
      while (rs.next()) {
        got.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
      }
    }
    assertEquals(List.of("1|b|1", "2|c|1"), got);
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private List<String> rows() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, name, n from target order by id")) {
      while (rs.next()) {
        out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    return out;
  }
}
