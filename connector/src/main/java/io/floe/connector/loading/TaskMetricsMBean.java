package io.floe.connector.loading;

/** The JMX view of {@link TaskMetrics}. */
public interface TaskMetricsMBean {
  long getRecordsWritten();

  long getRecordsSkipped();

  long getBrokenRecords();

  long getFilesStaged();

  long getBytesStaged();

  long getFilesSubmitted();

  long getFilesLoaded();

  /** Files that did not load (LOAD_FAILED or PARTIALLY_LOADED), moved to the table stage. */
  long getFilesFailed();

  long getFilesPurged();
}
