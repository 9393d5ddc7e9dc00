package io.floe.connector;

/**
 * Floe's numbered errors. Each names what went wrong and the remedy; docs/errors.md lists them all
 * (a test keeps the two in step). Ranges: 0xxx configuration, 1xxx connection and authentication,
 * 2xxx tables, stages and pipes, 3xxx staging and Snowpipe ingestion, 4xxx record conversion, 5xxx
 * task runtime.
 */
public enum ErrorCode {
  // ---- 0xxx configuration -------------------------------------------------------------------

  // ---- 1xxx connection and authentication --------------------------------------------------

  // ---- 2xxx tables, stages and pipes -------------------------------------------------------

  // ---- 3xxx staging and Snowpipe ingestion -------------------------------------------------

  // ---- 4xxx record conversion --------------------------------------------------------------

  // ---- 5xxx task runtime -------------------------------------------------------------------

  // Placeholder so the enum compiles before the first real code lands; never raised.
  FLOE_0000(0, "Unknown error.", "Report this to the Floe maintainers.");

  private final int number;
  private final String problem;
  private final String remedy;

  ErrorCode(int number, String problem, String remedy) {
    this.number = number;
    this.problem = problem;
    this.remedy = remedy;
  }

  /** The code as users see and search for it, e.g. {@code FLOE-1002}. */
  public String id() {
    return String.format("FLOE-%04d", number);
  }

  public String problem() {
    return problem;
  }

  public String remedy() {
    return remedy;
  }

  /** {@code FLOE-1002 Cannot log in to Snowflake: <detail>. Remedy: <remedy>} */
  String format(String detail) {
    String head = id() + " " + problem;
    String body = detail == null || detail.isBlank() ? "" : " " + detail.trim();
    return head + body + " Remedy: " + remedy;
  }
}
