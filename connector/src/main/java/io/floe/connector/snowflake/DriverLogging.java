package io.floe.connector.snowflake;

import java.lang.reflect.Method;
import java.text.MessageFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Makes the Snowflake drivers log like the rest of the worker, and only when it matters.
 *
 * <ul>
 *   <li>snowflake-jdbc logs through java.util.logging unless a system property chose otherwise
 *       before its first class loaded — which, in a worker, happens while plugins are scanned,
 *       before Floe runs. Its lines then bypass the worker's log configuration and land on stderr.
 *       So Floe hands the {@code net.snowflake} java.util.logging loggers to SLF4J instead: a
 *       handler that forwards each record to the SLF4J logger of the same name, in place of the
 *       console.
 *   <li>The ingest SDK logs at INFO on every Snowpipe request (a tracker polling every 10 s writes
 *       thousands of lines a day), and the JDBC driver on every login. Floe lowers {@code
 *       net.snowflake.ingest} and {@code net.snowflake.client} to WARN in the worker's logging
 *       backend (log4j 2 in Kafka 4, log4j 1.2 or reload4j in Kafka 3, or logback), unless the
 *       worker's configuration names one of them (or a parent) itself: an operator who configured a
 *       level keeps it.
 * </ul>
 *
 * SLF4J has no API to set levels, hence reflection on whichever backend is bound; with any other
 * backend levels stay as they are. A level changed later through Connect's {@code /admin/loggers}
 * applies to the ingest SDK at once; the JDBC driver's java.util.logging level follows the SLF4J
 * level it found when Floe started.
 */
final class DriverLogging {
  static final String[] CHATTY = {"net.snowflake.ingest", "net.snowflake.client"};
  static final String JUL_ROOT = "net.snowflake";

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  // java.util.logging keeps loggers weakly: hold it, or the handler goes with a collected logger.
  private static java.util.logging.Logger julRoot;

  private DriverLogging() {}

  /** Once per plugin class loader, before Floe's first Snowflake call. */
  static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    for (String name : CHATTY) {
      quiet(name);
    }
    julRoot = java.util.logging.Logger.getLogger(JUL_ROOT);
    julRoot.addHandler(new Slf4jHandler());
    julRoot.setUseParentHandlers(false);
    // The driver formats only what its JUL level lets through: keep that to what SLF4J would log.
    org.slf4j.Logger jdbc = LoggerFactory.getLogger("net.snowflake.client");
    julRoot.setLevel(
        jdbc.isTraceEnabled()
            ? Level.ALL
            : jdbc.isDebugEnabled()
                ? Level.FINE
                : jdbc.isInfoEnabled() ? Level.INFO : Level.WARNING);
  }

  /** Forwards java.util.logging records to SLF4J, by logger name. */
  static final class Slf4jHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      String name = record.getLoggerName() == null ? JUL_ROOT : record.getLoggerName();
      org.slf4j.Logger logger = LoggerFactory.getLogger(name);
      String message = message(record);
      Throwable thrown = record.getThrown();
      int level = record.getLevel().intValue();
      if (level >= Level.SEVERE.intValue()) {
        logger.error(message, thrown);
      } else if (level >= Level.WARNING.intValue()) {
        logger.warn(message, thrown);
      } else if (level >= Level.INFO.intValue()) {
        logger.info(message, thrown);
      } else if (level >= Level.FINE.intValue()) {
        logger.debug(message, thrown);
      } else {
        logger.trace(message, thrown);
      }
    }

    private static String message(LogRecord record) {
      Object[] params = record.getParameters();
      String text = record.getMessage();
      if (text == null || params == null || params.length == 0) {
        return text;
      }
      try {
        return MessageFormat.format(text, params);
      } catch (IllegalArgumentException e) {
        return text;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Sets {@code name} to WARN unless the logging configuration sets it or a parent of it.
   *
   * @return whether the level was changed
   */
  static boolean quiet(String name) {
    String backend = LoggerFactory.getILoggerFactory().getClass().getName();
    try {
      if (backend.startsWith("org.apache.logging.slf4j.")) {
        return quietLog4j2(name);
      }
      if (backend.startsWith("org.slf4j.impl.") || backend.startsWith("org.slf4j.reload4j.")) {
        return quietLog4j1(name);
      }
      if (backend.startsWith("ch.qos.logback.")) {
        return quietLogback(name);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // A backend of another version than expected: leave its levels alone.
    }
    return false;
  }

  private static boolean quietLog4j2(String name) throws ReflectiveOperationException {
    ClassLoader loader = DriverLogging.class.getClassLoader();
    Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", true, loader);
    Object context = logManager.getMethod("getContext", boolean.class).invoke(null, false);
    Object configuration = context.getClass().getMethod("getConfiguration").invoke(context);
    Map<?, ?> configured =
        (Map<?, ?>) configuration.getClass().getMethod("getLoggers").invoke(configuration);
    for (String n = name; n != null; n = parent(n)) {
      if (configured.containsKey(n)) {
        return false;
      }
    }
    Class<?> level = Class.forName("org.apache.logging.log4j.Level", true, loader);
    Class<?> configurator =
        Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader);
    configurator
        .getMethod("setLevel", String.class, level)
        .invoke(null, name, level.getField("WARN").get(null));
    return true;
  }

  private static boolean quietLog4j1(String name) throws ReflectiveOperationException {
    ClassLoader loader = DriverLogging.class.getClassLoader();
    Class<?> logger = Class.forName("org.apache.log4j.Logger", true, loader);
    Method getLogger = logger.getMethod("getLogger", String.class);
    Method getLevel = logger.getMethod("getLevel");
    for (String n = name; n != null; n = parent(n)) {
      if (getLevel.invoke(getLogger.invoke(null, n)) != null) {
        return false;
      }
    }
    Class<?> level = Class.forName("org.apache.log4j.Level", true, loader);
    logger
        .getMethod("setLevel", level)
        .invoke(getLogger.invoke(null, name), level.getField("WARN").get(null));
    return true;
  }

  private static boolean quietLogback(String name) throws ReflectiveOperationException {
    ClassLoader loader = DriverLogging.class.getClassLoader();
    Object context = LoggerFactory.getILoggerFactory();
    Method getLogger = context.getClass().getMethod("getLogger", String.class);
    Class<?> logger = Class.forName("ch.qos.logback.classic.Logger", true, loader);
    Method getLevel = logger.getMethod("getLevel");
    for (String n = name; n != null; n = parent(n)) {
      if (getLevel.invoke(getLogger.invoke(context, n)) != null) {
        return false;
      }
    }
    Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, loader);
    logger
        .getMethod("setLevel", level)
        .invoke(getLogger.invoke(context, name), level.getField("WARN").get(null));
    return true;
  }

  private static String parent(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : name.substring(0, dot);
  }
}
