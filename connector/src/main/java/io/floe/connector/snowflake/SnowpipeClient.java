package io.floe.connector.snowflake;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponseException;
import net.snowflake.ingest.utils.BackOffException;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snowpipe's REST API through the ingest SDK's {@link SimpleIngestManager}: submit staged files,
 * read load reports and load history. One manager per pipe, created on first use.
 */
public final class SnowpipeClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnowpipeClient.class);

  /** Snowflake accepts 5000 paths per request; stay clear of the limit. */
  static final int BATCH = 4000;

  private final SessionSettings settings;
  private final Retrier retrier;
  private final Map<String, SimpleIngestManager> managers = new ConcurrentHashMap<>();

  public SnowpipeClient(SessionSettings settings, Retrier retrier) {
    DriverLogging.install();
    this.settings = settings;
    this.retrier = retrier;
  }

  /** One file's load outcome as Snowpipe reports it. */
  public record FileStatus(
      String path,
      String status,
      long rowsParsed,
      long rowsInserted,
      String firstError,
      Long firstErrorLine) {

    public boolean loaded() {
      return "LOADED".equals(status);
    }

    /** Processing finished without loading every row: LOAD_FAILED or PARTIALLY_LOADED. */
    public boolean failed() {
      return "LOAD_FAILED".equals(status) || "PARTIALLY_LOADED".equals(status);
    }
  }

  /** Load events since a mark, and the mark to continue from. */
  public record Report(List<FileStatus> files, String nextBeginMark) {}

  /**
   * A non-2xx answer from Snowpipe. Kept as a checked type so {@link Failures} can tell 429/5xx
   * (retry) from 4xx (report).
   */
  public static final class SnowpipeHttpException extends Exception {
    private final int status;

    SnowpipeHttpException(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Submits paths (relative to the pipe's stage) in batches; resubmitting a path is harmless. */
  public void insertFiles(ObjectRef pipe, List<String> paths) {
    for (int from = 0; from < paths.size(); from += BATCH) {
      List<StagedFileWrapper> batch = new ArrayList<>();
      for (String p : paths.subList(from, Math.min(paths.size(), from + BATCH))) {
        batch.add(new StagedFileWrapper(p, null));
      }
      retrier.call(
          "submit " + batch.size() + " file(s) to pipe " + pipe,
          () -> sdk(() -> manager(pipe).ingestFiles(batch, UUID.randomUUID())),
          this::classify);
    }
  }

  public Report report(ObjectRef pipe, String beginMark) {
    HistoryResponse r =
        retrier.call(
            "read the load report of pipe " + pipe,
            () -> sdk(() -> manager(pipe).getHistory(UUID.randomUUID(), null, beginMark)),
            this::classify);
    List<FileStatus> files = new ArrayList<>();
    if (r.files != null) {
      r.files.forEach(f -> files.add(status(f)));
    }
    return new Report(files, r.getNextBeginMark());
  }

  /**
   * Load history for [from, to), all of it. Snowflake answers at most 10,000 entries a call and
   * says {@code completeResult=false} when there were more; the rest starts at that page's {@code
   * rangeEndTime} (inclusive, so its last entries come twice: the later report of a path wins).
   */
  public List<FileStatus> history(ObjectRef pipe, Instant from, Instant to) {
    Map<String, FileStatus> byPath = new LinkedHashMap<>();
    Instant start = from;
    while (start.isBefore(to)) {
      HistoryRangeResponse r = historyPage(pipe, start, to);
      if (r.files != null) {
        for (HistoryResponse.FileEntry f : r.files) {
          FileStatus status = status(f);
          byPath.remove(status.path());
          byPath.put(status.path(), status);
        }
      }
      if (r.isCompleteResult() || r.getRangeEndTime() == null) {
        break;
      }
      Instant next = ISO_OFFSET_DATE_TIME.parse(r.getRangeEndTime(), Instant::from);
      if (!next.isAfter(start)) {
        // A full page within one millisecond: the next page would be the same one.
        LOG.warn(
            "More than 10,000 load history entries of pipe {} at {}; reading on from {}",
            pipe,
            start,
            start.plusMillis(1));
        next = start.plusMillis(1);
      }
      start = next;
    }
    return new ArrayList<>(byPath.values());
  }

  private HistoryRangeResponse historyPage(ObjectRef pipe, Instant from, Instant to) {
    return retrier.call(
        "read the load history of pipe " + pipe,
        () ->
            sdk(
                () ->
                    manager(pipe)
                        .getHistoryRange(UUID.randomUUID(), from.toString(), to.toString())),
        this::classify);
  }

  private static FileStatus status(HistoryResponse.FileEntry f) {
    return new FileStatus(
        f.getPath(),
        f.getStatus() == null ? null : f.getStatus().name(),
        f.getRowsParsed(),
        f.getRowsInserted() == null ? 0 : f.getRowsInserted(),
        f.getFirstError(),
        f.getFirstErrorLineNum());
  }

  private SimpleIngestManager manager(ObjectRef pipe) {
    return managers.computeIfAbsent(
        pipe.restName(),
        name -> {
          try {
            return new SimpleIngestManager(
                settings.account(),
                settings.user(),
                name,
                settings.privateKey(),
                settings.scheme(),
                settings.host(),
                settings.port());
          } catch (Exception e) {
            throw new FloeException(
                ErrorCode.FLOE_1002, "cannot use the private key for Snowpipe", e);
          }
        });
  }

  @FunctionalInterface
  private interface SdkCall<T> {
    T run() throws Exception;
  }

  /** Maps the SDK's failure types onto one that carries the HTTP status. */
  private static <T> T sdk(SdkCall<T> call) throws Exception {
    try {
      return call.run();
    } catch (IngestResponseException e) {
      throw new SnowpipeHttpException(e.getErrorCode(), e.toString(), e);
    } catch (BackOffException e) {
      throw new SnowpipeHttpException(503, "Snowpipe asked to back off", e);
    }
  }

  private FloeException classify(String what, Exception e) {
    if (e instanceof SecurityException) {
      return new FloeException(ErrorCode.FLOE_1002, what + ": " + e.getMessage(), e);
    }
    return new FloeException(ErrorCode.FLOE_3002, what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    managers.values().forEach(SimpleIngestManager::close);
    managers.clear();
  }
}
