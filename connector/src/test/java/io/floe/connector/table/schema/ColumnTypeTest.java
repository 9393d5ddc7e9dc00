package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DDL text of each column type creates a column that DESC TABLE shows as {@link
 * ColumnType#described()}, so Floe can compare an existing table's columns with the types its
 * fields need.
 */
class ColumnTypeTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.number(10, 2),
          ColumnType.number(5, 5),
          ColumnType.FLOAT,
          ColumnType.BOOLEAN,
          ColumnType.VARCHAR,
          ColumnType.BINARY,
          ColumnType.DATE,
          ColumnType.time(3),
          ColumnType.time(6),
          ColumnType.timestampNtz(9),
          ColumnType.timestampTz(3),
          ColumnType.VARIANT,
          ColumnType.OBJECT,
          ColumnType.ARRAY);

  @Test
  void ddlTextCreatesTheColumnDescTableShows() throws Exception {
    StringBuilder ddl = new StringBuilder("create table db.public.t (");
    for (int i = 0; i < TYPES.size(); i++) {
      ddl.append(i == 0 ? "" : ", ")
          .append(ColumnName.of("c" + i).sql())
          .append(' ')
          .append(TYPES.get(i).sql());
    }
    SNOWFLAKE.get().execute("create database db", ddl.append(")").toString());
    List<String> described = new ArrayList<>();
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("desc table db.public.t")) {
      while (rs.next()) {
        described.add(rs.getString("type"));
      }
    }
    assertEquals(TYPES.stream().map(ColumnType::described).toList(), described);
  }

  @Test
  void refusesTypesSnowflakeDoesNotHave() {
    assertThrows(IllegalArgumentException.class, () -> ColumnType.number(39, 0));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.number(5, 6));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.time(10));
  }
}
