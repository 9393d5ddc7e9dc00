package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import java.util.List;

/**
 * A parsed {@code COPY INTO <table>}. {@code select} is null for a plain load of whole documents;
 * {@code options} holds FILES, PATTERN, FILE_FORMAT and the copy options as written.
 */
record CopyStatement(
    ObjectName table,
    List<String> columns,
    StageRef source,
    List<LoadExpression> select,
    OptionList options) {

  boolean transforms() {
    return select != null;
  }
}
