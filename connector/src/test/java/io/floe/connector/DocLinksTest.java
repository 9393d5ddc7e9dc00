package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page an error message or a document sends the user to exists: a remedy pointing to a
 * missing page (FLOE-2003 once named docs/snowflake-setup.md before it was written) leaves the user
 * stranded at the worst moment.
 */
class DocLinksTest {
  // Tests run in the connector module's directory; docs/ is at the repository root.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern DOC_PATH = Pattern.compile("docs/[A-Za-z0-9_.-]+\\.md");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyDocumentNamedInTheCodeExists() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(ROOT.resolve("connector/src/main"))) {
      for (Path source : sources.filter(Files::isRegularFile).toList()) {
        Matcher m = DOC_PATH.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
          if (!Files.isRegularFile(ROOT.resolve(m.group()))) {
            missing.add(ROOT.relativize(source) + " names " + m.group());
          }
        }
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      Matcher m = DOC_PATH.matcher(code.remedy() + code.problem());
      while (m.find()) {
        if (!Files.isRegularFile(ROOT.resolve(m.group()))) {
          missing.add(code.id() + " names " + m.group());
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyRelativeLinkInTheDocsLeadsSomewhere() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)));
      while (m.find()) {
        String link = m.group(1);
        if (link.matches("^[a-z]+:.*")) {
          continue; // http(s), mailto: checked by people, not by an offline build
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        String where = ROOT.relativize(page) + " links to " + link;
        if (!Files.exists(target)) {
          broken.add(where + " (no such file)");
        } else if (hash >= 0 && target.toString().endsWith(".md")) {
          if (!anchors(target).contains(link.substring(hash + 1))) {
            broken.add(where + " (no such heading)");
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line :
        withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)).split("\n")) {
      if (line.startsWith("#")) {
        String text = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
        String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        String unique = slug;
        for (int i = 1; !anchors.add(unique); i++) {
          unique = slug + "-" + i;
        }
      }
    }
    return anchors;
  }

  private static String withoutCodeBlocks(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "");
  }
}
