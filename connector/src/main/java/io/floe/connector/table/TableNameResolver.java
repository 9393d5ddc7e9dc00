package io.floe.connector.table;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps a Kafka topic to its Snowflake table, from {@code snowflake.topic2table.map}.
 *
 * <p>Resolution order: an entry whose topic equals the topic; then the entries' topics as Java
 * regular expressions (full match), in the order given; then the topic itself, sanitised like the
 * Snowflake connector does when it is not a valid identifier ({@code my-topic} → {@code
 * my_topic_<hash>}). Patterns are tried in the order given, so the rare overlaps that the overlap
 * check cannot see still resolve the same way every time (the incumbent used hash-map order).
 *
 * <p>Map syntax (as the incumbent's): comma-separated {@code topic:table} pairs, whitespace
 * trimmed, tables {@code [database.[schema.]]table} as unquoted identifiers; duplicate topics and
 * overlapping patterns are rejected. Blank entries (a trailing comma) are ignored. Unlike the
 * incumbent we also accept one-character table names, which Snowflake allows.
 */
public final class TableNameResolver {
  static final String KEY = "snowflake.topic2table.map";
  private static final Pattern TABLE =
      Pattern.compile("^([_a-zA-Z][_$a-zA-Z0-9]*\\.){0,2}[_a-zA-Z][_$a-zA-Z0-9]*$");

  private record Entry(String text, String topic, Pattern pattern, TableName table) {}

  private final Map<String, Entry> exact;
  private final List<Entry> patterns;
  private final Map<String, TableName> resolved = new ConcurrentHashMap<>();

  private TableNameResolver(List<Entry> entries) {
    this.exact = new LinkedHashMap<>();
    for (Entry e : entries) {
      exact.put(e.topic(), e);
    }
    this.patterns = List.copyOf(entries);
  }

  /**
   * Parses the value of {@code snowflake.topic2table.map} (null or blank means no entries).
   *
   * @throws FloeException with a code from FLOE-0009 to FLOE-0013 quoting the bad entry
   */
  public static TableNameResolver parse(String map) {
    List<Entry> entries = new ArrayList<>();
    if (map == null || map.isBlank()) {
      return new TableNameResolver(entries);
    }
    for (String raw : map.split(",")) {
      String text = raw.trim();
      if (text.isEmpty()) {
        continue;
      }
      Entry entry = parseEntry(text);
      for (Entry previous : entries) {
        if (previous.topic().equals(entry.topic())) {
          throw new FloeException(
              ErrorCode.FLOE_0011,
              "Topic '"
                  + entry.topic()
                  + "' is in entries '"
                  + previous.text()
                  + "' and '"
                  + text
                  + "'.");
        }
        String matched = overlap(previous, entry);
        if (matched != null) {
          throw new FloeException(
              ErrorCode.FLOE_0012,
              "Entries '" + previous.text() + "' and '" + text + "' overlap: " + matched + ".");
        }
      }
      entries.add(entry);
    }
    return new TableNameResolver(entries);
  }

  private static Entry parseEntry(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 2) {
      String why =
          parts.length < 2
              ? "has no ':' between topic and table"
              : "has more than one ':' (topics and tables cannot contain ':')";
      throw new FloeException(ErrorCode.FLOE_0009, "Entry '" + text + "' " + why + ".");
    }
    String topic = parts[0].trim();
    String table = parts[1].trim();
    if (topic.isEmpty() || table.isEmpty()) {
      throw new FloeException(
          ErrorCode.FLOE_0009,
          "Entry '" + text + "' has an empty " + (topic.isEmpty() ? "topic" : "table") + ".");
    }
    if (!TABLE.matcher(table).matches()) {
      throw new FloeException(
          ErrorCode.FLOE_0010, "Entry '" + text + "' names table '" + table + "'.");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(topic);
    } catch (PatternSyntaxException e) {
      throw new FloeException(
          ErrorCode.FLOE_0013, "Entry '" + text + "': " + e.getDescription() + ".");
    }
    return new Entry(text, topic, pattern, TableName.parse(table));
  }

  /**
   * The incumbent's overlap test: one entry's topic, read as a plain topic name, matches the
   * other's pattern. It cannot see every overlap between two patterns (that is not decidable for
   * Java regexes), but it rejects exactly the configurations the incumbent rejects.
   */
  private static String overlap(Entry a, Entry b) {
    if (a.pattern().matcher(b.topic()).matches()) {
      return "'" + b.topic() + "' matches '" + a.topic() + "'";
    }
    if (b.pattern().matcher(a.topic()).matches()) {
      return "'" + a.topic() + "' matches '" + b.topic() + "'";
    }
    return null;
  }

  /** The table for {@code topic}; never null. */
  public TableName resolve(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("topic must be a non-empty Kafka topic name");
    }
    return resolved.computeIfAbsent(topic, this::lookUp);
  }

  /** The table an entry of the map names for {@code topic}, if any entry does. */
  public Optional<TableName> mapped(String topic) {
    Entry entry = exact.get(topic);
    if (entry != null) {
      return Optional.of(entry.table());
    }
    return patterns.stream()
        .filter(e -> e.pattern().matcher(topic).matches())
        .map(Entry::table)
        .findFirst();
  }

  /** The tables the map's entries name, in the order given. */
  public List<TableName> mappedTables() {
    return patterns.stream().map(Entry::table).toList();
  }

  private TableName lookUp(String topic) {
    return mapped(topic).orElseGet(() -> TableName.unqualified(TopicNames.tableFor(topic)));
  }

  @Override
  public String toString() {
    return KEY + "=" + String.join(",", patterns.stream().map(Entry::text).toList());
  }
}
