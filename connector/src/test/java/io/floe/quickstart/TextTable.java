package io.floe.quickstart;

import java.util.ArrayList;
import java.util.List;

/** Rows as a plain-text table, the way a SQL console prints a result. */
final class TextTable {
  private final int maxWidth;

  /**
   * @param maxWidth longer values are cut and end in "…"
   */
  TextTable(int maxWidth) {
    this.maxWidth = maxWidth;
  }

  /** Null values print as NULL. */
  String render(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    for (List<String> row : rows) {
      List<String> shown = new ArrayList<>(row.size());
      for (String v : row) {
        shown.add(cut(v == null ? "NULL" : v.replace('\n', ' ')));
      }
      cells.add(shown);
    }
    for (List<String> row : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    String rule = rule(widths);
    out.append(rule);
    line(out, header, widths);
    out.append(rule);
    for (List<String> row : cells.subList(1, cells.size())) {
      line(out, row, widths);
    }
    out.append(rule);
    out.append(rows.size()).append(rows.size() == 1 ? " row\n" : " rows\n");
    return out.toString();
  }

  private String cut(String v) {
    return v.length() <= maxWidth ? v : v.substring(0, maxWidth - 1) + "…";
  }

  private static String rule(int[] widths) {
    StringBuilder b = new StringBuilder("+");
    for (int w : widths) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.append('\n').toString();
  }

  private static void line(StringBuilder out, List<String> row, int[] widths) {
    out.append('|');
    for (int i = 0; i < widths.length; i++) {
      String v = row.get(i);
      out.append(' ').append(v).append(" ".repeat(widths[i] - v.length())).append(" |");
    }
    out.append('\n');
  }
}
