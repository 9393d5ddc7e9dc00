package io.floe.localsnowflake.stage;

import java.io.Closeable;

/** The records of one staged file being read, each as a column loader takes it. */
interface FileRecords<T> extends Closeable {
  /** The next record, or null at the end of the file. */
  JsonRecordReader.Record<T> next() throws JsonRecordReader.ParseFailure;
}
