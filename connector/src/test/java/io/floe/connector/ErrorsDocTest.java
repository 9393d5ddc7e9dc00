package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md lists every {@link ErrorCode} with its problem and remedy, generated from the
 * enum. Run with {@code -Dfloe.docs.write=true} to rewrite it after adding a code.
 */
class ErrorsDocTest {
  // Tests run in the connector module's directory; docs/ is at the repository root.
  private static final Path DOC = Path.of("..", "docs", "errors.md");
  private static final String REGENERATE =
      "mvn -q -B -pl connector -am test -Dtest=ErrorsDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dfloe.docs.write=true";

  @Test
  void documentationIsGeneratedFromTheEnum() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("floe.docs.write")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, DOC + " is out of date; regenerate it with: " + REGENERATE);
  }

  @Test
  void codesAreUniqueAndSayWhatToDo() {
    Set<String> ids = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(ids.add(code.id()), "duplicate " + code.id());
      assertTrue(code.problem().endsWith("."), code + " problem is a sentence");
      assertTrue(code.remedy().length() > 15, code + " has a remedy");
    }
  }

  private static String render() {
    StringBuilder b = new StringBuilder();
    b.append("# Floe error codes\n\n")
        .append("<!-- Generated from io.floe.connector.ErrorCode; regenerate with: ")
        .append(REGENERATE)
        .append(" -->\n\n")
        .append("Every error Floe raises starts with its code, says what went wrong and ends with")
        .append(" `Remedy:` and what to do. Ranges: 0xxx configuration, 1xxx connection and")
        .append(" authentication, 2xxx tables, stages and pipes, 3xxx staging and Snowpipe")
        .append(" ingestion, 4xxx record conversion, 5xxx task runtime.\n\n")
        .append("| Code | Problem | Remedy |\n|---|---|---|\n");
    for (ErrorCode code : ErrorCode.values()) {
      b.append("| ")
          .append(code.id())
          .append(" | ")
          .append(code.problem().replace("|", "\\|"))
          .append(" | ")
          .append(code.remedy().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
