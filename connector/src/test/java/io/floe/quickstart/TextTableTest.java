package io.floe.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsColumnsCutsLongValuesAndShowsNulls() {
    String table =
        new TextTable(8)
            .render(
                List.of("ID", "CONTENT"),
                List.of(
                    List.of("1", "{\"a\":1}"),
                    Arrays.asList("22", null),
                    List.of("3", "0123456789")));
    assertEquals(
        String.join(
            "\n",
            "+----+----------+",
            "| ID | CONTENT  |",
            "+----+----------+",
            "| 1  | {\"a\":1}  |",
            "| 22 | NULL     |",
            "| 3  | 0123456… |",
            "+----+----------+",
            "3 rows",
            ""),
        table);
  }

  @Test
  void emptyResultStillShowsTheHeader() {
    assertEquals(
        "+---+\n| X |\n+---+\n+---+\n0 rows\n", new TextTable(10).render(List.of("X"), List.of()));
  }
}
