package io.floe.connector.table;

import java.util.regex.Pattern;

/**
 * Derives a table name from a topic exactly as the Snowflake connector (v1 to v3) does, so users
 * who switch keep loading into the same tables.
 *
 * <p>A topic that is already a valid unquoted identifier of at least two characters is used as is.
 * Otherwise: any {@code .*} is removed, {@code _} is prepended when the first character cannot
 * start an identifier, every other character outside {@code [_$a-zA-Z0-9]} becomes {@code _}, and
 * {@code _<abs(topic.hashCode())>} is appended, so {@code my-topic} becomes {@code
 * my_topic_<hash>}. The incumbent requires two characters ({@code [_a-zA-Z][_$a-zA-Z0-9]+}), so a
 * one-letter topic such as {@code a} becomes {@code a_97}; we keep that for the same reason.
 */
final class TopicNames {
  private static final Pattern VALID_AS_IS = Pattern.compile("^[_a-zA-Z][_$a-zA-Z0-9]+$");
  private static final Pattern START = Pattern.compile("[_a-zA-Z]");
  private static final Pattern PART = Pattern.compile("[_$a-zA-Z0-9]");

  private TopicNames() {}

  static String tableFor(String topic) {
    if (VALID_AS_IS.matcher(topic).matches()) {
      return topic;
    }
    // The incumbent computes Math.abs on the int hash; only Integer.MIN_VALUE differs here, where
    // it produced an invalid name with a '-' (and so could never have created that table).
    long hash = Math.abs((long) topic.hashCode());
    String stripped = topic.replace(".*", "");
    StringBuilder name = new StringBuilder(stripped.length() + 12);
    int i = 0;
    if (!stripped.isEmpty() && START.matcher(stripped.substring(0, 1)).matches()) {
      name.append(stripped.charAt(0));
      i = 1;
    } else {
      // Prepended, not replacing: "1topic" becomes "_1topic_<hash>".
      name.append('_');
    }
    for (; i < stripped.length(); i++) {
      String c = stripped.substring(i, i + 1);
      name.append(PART.matcher(c).matches() ? c : "_");
    }
    return name.append('_').append(hash).toString();
  }
}
