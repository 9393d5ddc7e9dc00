package io.floe.localsnowflake.stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one staged file for a COPY target and applies ON_ERROR: produces the rows to insert and the
 * file's outcome. A syntax error ends the file (the rows before it count); a value that does not
 * convert fails only its row. Nothing is inserted here, so a statement can stay atomic. Records are
 * read as trees and projected column by column, or, when the COPY allows it, streamed ({@link
 * StreamedProjection}, from bytes by {@link Utf8ProjectionReader} where it can, or {@link
 * StreamedByName} for MATCH_BY_COLUMN_NAME): same rows, same errors, several times faster.
 */
final class FileLoader {
  private FileLoader() {}

  /** The rows to insert (empty when the file is skipped or failed) and the file's outcome. */
  record Result(List<List<Object>> rows, FileOutcome outcome) {}

  static final String JSON_ERROR_CODE = "100069";
  static final String JSON_ERROR_STATE = "22P02";

  static Result load(
      CopyTarget target, StageStorage storage, StagedFile file, String fileName, OnError onError) {
    StreamedProjection streamed = target.streamed();
    if (streamed != null) {
      CanonicalJsonWriter writer = new CanonicalJsonWriter();
      return load(
          target,
          storage,
          file,
          fileName,
          onError,
          in -> Utf8ProjectionReader.open(in, target.format(), streamed, writer),
          (record, i) -> streamed.column(record.value(), i));
    }
    StreamedByName byName = target.byName();
    if (byName != null) {
      CanonicalJsonWriter writer = new CanonicalJsonWriter();
      return load(
          target,
          storage,
          file,
          fileName,
          onError,
          in ->
              JsonRecordReader.open(in, target.format(), true).records(p -> byName.read(p, writer)),
          (record, i) -> byName.column(record.value(), i));
    }
    return load(
        target,
        storage,
        file,
        fileName,
        onError,
        in -> JsonRecordReader.open(in, target.format()).trees(),
        (record, i) ->
            ValueConverter.toColumn(
                target.projection().value(i, record.value(), fileName, record.rowNumber()),
                target.columns().get(i)));
  }

  /** Opens a file's records from its staged bytes. */
  @FunctionalInterface
  private interface RecordsOpener<T> {
    FileRecords<T> open(InputStream staged) throws IOException, JsonRecordReader.ParseFailure;
  }

  /** One target column's value of a record, as Catalog.insert takes it. */
  @FunctionalInterface
  private interface ColumnValue<T> {
    Object of(JsonRecordReader.Record<T> record, int column) throws ValueError;
  }

  private static <T> Result load(
      CopyTarget target,
      StageStorage storage,
      StagedFile file,
      String fileName,
      OnError onError,
      RecordsOpener<T> opener,
      ColumnValue<T> columns) {
    List<List<Object>> rows = new ArrayList<>();
    long parsed = 0;
    long errors = 0;
    LoadError first = null;
    int width = target.columns().size();
    try (InputStream in = storage.open(file);
        FileRecords<T> records = opener.open(in)) {
      for (JsonRecordReader.Record<T> record; (record = records.next()) != null; ) {
        parsed++;
        Object[] row = new Object[width];
        for (int i = 0; i < width && row != null; i++) {
          try {
            row[i] = columns.of(record, i);
          } catch (ValueError e) {
            errors++;
            if (first == null) {
              first =
                  new LoadError(
                      e.code(),
                      e.sqlState(),
                      e.getMessage(),
                      record.line(),
                      record.character(),
                      record.rowNumber(),
                      record.line(),
                      target.errorColumnName(i));
            }
            row = null;
          }
        }
        if (row != null) {
          rows.add(Arrays.asList(row));
        } else if (onError.mode() == OnError.Mode.ABORT_STATEMENT) {
          break;
        }
      }
    } catch (JsonRecordReader.ParseFailure f) {
      parsed = Math.max(parsed, f.rowNumber());
      errors++;
      if (first == null) {
        first =
            new LoadError(
                JSON_ERROR_CODE,
                JSON_ERROR_STATE,
                f.reason(),
                f.line(),
                f.character(),
                f.rowNumber(),
                f.rowStartLine(),
                target.errorColumnName(0));
      }
    } catch (IOException e) {
      LoadError error =
          new LoadError(
              "100080",
              "58030",
              "Cannot read staged file '" + fileName + "': " + e.getMessage(),
              0,
              0,
              0,
              0,
              null);
      return new Result(List.of(), FileOutcome.failed(fileName, onError.errorLimit(0), error));
    }
    long errorLimit = onError.errorLimit(parsed);
    if (errors == 0) {
      return new Result(
          rows,
          new FileOutcome(fileName, FileOutcome.LOADED, parsed, rows.size(), errorLimit, 0, null));
    }
    if (onError.skipsFile(errors, parsed) || rows.isEmpty()) {
      return new Result(
          List.of(),
          new FileOutcome(fileName, FileOutcome.LOAD_FAILED, parsed, 0, errorLimit, errors, first));
    }
    return new Result(
        rows,
        new FileOutcome(
            fileName,
            FileOutcome.PARTIALLY_LOADED,
            parsed,
            rows.size(),
            errorLimit,
            errors,
            first));
  }
}
