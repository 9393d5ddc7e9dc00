package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PUT, GET, LIST and REMOVE. PUT and GET only answer where the bytes are ({@link StageTransfers}):
 * the real driver moves them itself. LIST and REMOVE work on the stage directory with Snowflake's
 * prefix semantics.
 */
final class StageFileCommands {
  static final long LIST_STATEMENT_TYPE = 0x4701;
  static final long REMOVE_STATEMENT_TYPE = 0x7103;

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final StageAccess stages;
  private final StageStorage storage;
  private final StageTransfers transfers;

  StageFileCommands(StageAccess stages, StageStorage storage, StageTransfers transfers) {
    this.stages = stages;
    this.storage = storage;
    this.transfers = transfers;
  }

  /** {@code PUT file://<path> @stage[/prefix] [OVERWRITE=…] [AUTO_COMPRESS=…] [PARALLEL=…]}. */
  StatementResult.Transfer put(SessionState session, TokenCursor c) {
    c.expect("PUT");
    String source = fileUri(c);
    StageLocation location =
        stages.resolve(session, CopyParser.stage(c), StageAccess.Use.WRITE).location();
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    options.requireOnly(
        "PUT", Set.of("OVERWRITE", "AUTO_COMPRESS", "PARALLEL", "SOURCE_COMPRESSION"));
    return transfers.upload(
        c.queryId(),
        location,
        source,
        options.bool("OVERWRITE", false),
        options.bool("AUTO_COMPRESS", true));
  }

  /** {@code GET @stage[/prefix] file://<dir> [PATTERN='…'] [PARALLEL=…]}. */
  StatementResult.Transfer get(SessionState session, TokenCursor c) {
    c.expect("GET");
    StageLocation location =
        stages.resolve(session, CopyParser.stage(c), StageAccess.Use.READ).location();
    String target = fileUri(c);
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    options.requireOnly("GET", Set.of("PATTERN", "PARALLEL"));
    return transfers.download(
        c.queryId(), location, matching(location, options.text("PATTERN")), target);
  }

  /** {@code LIST|LS @stage[/prefix] [PATTERN='…']}: name, size, md5, last_modified. */
  StatementResult.Rows list(SessionState session, TokenCursor c) {
    c.next(); // LIST or LS
    StageLocation location =
        stages.resolve(session, CopyParser.stage(c), StageAccess.Use.READ).location();
    String pattern = pattern(c);
    List<List<String>> rows = new ArrayList<>();
    for (StagedFile f : matching(location, pattern)) {
      rows.add(
          List.of(
              location.displayName(f.relativePath()),
              Long.toString(f.size()),
              f.md5(),
              LAST_MODIFIED.format(f.lastModified())));
    }
    return new StatementResult.Rows(
        List.of(
            ResultColumn.text("name"),
            ResultColumn.number("size"),
            ResultColumn.text("md5"),
            ResultColumn.text("last_modified")),
        rows,
        LIST_STATEMENT_TYPE);
  }

  /** {@code REMOVE|RM @stage[/prefix] [PATTERN='…']}: name, result ('removed'). */
  StatementResult.Rows remove(SessionState session, TokenCursor c) {
    c.next(); // REMOVE or RM
    StageLocation location =
        stages.resolve(session, CopyParser.stage(c), StageAccess.Use.WRITE).location();
    String pattern = pattern(c);
    List<List<String>> rows = new ArrayList<>();
    for (StagedFile f : matching(location, pattern)) {
      storage.remove(location, f);
      rows.add(List.of(location.displayName(f.relativePath()), "removed"));
    }
    return new StatementResult.Rows(
        List.of(ResultColumn.text("name"), ResultColumn.text("result")),
        rows,
        REMOVE_STATEMENT_TYPE);
  }

  private static String pattern(TokenCursor c) {
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    options.requireOnly("LIST/REMOVE", Set.of("PATTERN"));
    return options.text("PATTERN");
  }

  /**
   * Files under the location's prefix whose name fully matches the pattern. Whether Snowflake
   * matches the listed name or the stage-relative path is not documented, so either counts.
   */
  private List<StagedFile> matching(StageLocation location, String pattern) {
    Pattern p = pattern == null ? null : Pattern.compile(pattern);
    return storage.list(location).stream()
        .filter(
            f ->
                p == null
                    || p.matcher(f.relativePath()).matches()
                    || p.matcher(location.displayName(f.relativePath())).matches())
        .toList();
  }

  /** The local path of a {@code file://} URI (bare or quoted), as the driver expects it back. */
  private static String fileUri(TokenCursor c) {
    Token t = c.peek();
    String text = t.text();
    if ((t.kind() == Token.Kind.FILE_URI || t.kind() == Token.Kind.STRING)
        && text.toLowerCase(Locale.ROOT).startsWith("file://")) {
      c.next();
      return text.substring("file://".length());
    }
    if (t.kind() == Token.Kind.STRING) {
      throw new SnowflakeError(
          "001003", "42000", "SQL compilation error:\nlocal file URI must start with file://");
    }
    throw c.unexpected();
  }
}
