package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The drivers' INFO chatter is kept out of the worker's log unless the worker's configuration names
 * those loggers; the tests run on log4j 2 through SLF4J, as a Kafka 4 worker does (the Kafka 3
 * backend, log4j 1.2, is covered by Connect3WorkerIT).
 */
class DriverLoggingTest {

  @Test
  void aLoggerThatInheritsItsLevelIsLoweredToWarn() {
    Level root = LogManager.getRootLogger().getLevel();
    Configurator.setRootLevel(Level.INFO);
    try {
      String name = "floe.test.chatty.driver";
      assertTrue(LoggerFactory.getLogger(name + ".Requests").isInfoEnabled());

      assertTrue(DriverLogging.quiet(name));

      assertFalse(LoggerFactory.getLogger(name + ".Requests").isInfoEnabled());
      assertTrue(LoggerFactory.getLogger(name + ".Requests").isWarnEnabled());
    } finally {
      Configurator.setRootLevel(root);
    }
  }

  @Test
  void aLevelTheOperatorConfiguredIsKept() {
    Configurator.setLevel("floe.test.configured", Level.DEBUG);

    assertFalse(DriverLogging.quiet("floe.test.configured.driver"));
    assertFalse(DriverLogging.quiet("floe.test.configured"));

    assertTrue(LoggerFactory.getLogger("floe.test.configured.driver.X").isDebugEnabled());
  }

  @Test
  void jdbcLinesGoToSlf4jNotToTheConsole() {
    DriverLogging.install();
    java.util.logging.Logger jul =
        java.util.logging.Logger.getLogger("net.snowflake.client.core.X");
    CapturingHandler console = new CapturingHandler();
    java.util.logging.Logger.getLogger("").addHandler(console);
    try {
      jul.warning("a driver warning");
      assertEquals(0, console.published, "nothing reaches java.util.logging's console handler");
      assertTrue(
          java.util.logging.Logger.getLogger(DriverLogging.JUL_ROOT).getHandlers()[0]
              instanceof DriverLogging.Slf4jHandler);
      // The tests' log4j configuration logs WARN: the level the driver is told to format at.
      assertFalse(jul.isLoggable(java.util.logging.Level.INFO));
      assertTrue(jul.isLoggable(java.util.logging.Level.WARNING));
    } finally {
      java.util.logging.Logger.getLogger("").removeHandler(console);
    }
  }

  private static final class CapturingHandler extends java.util.logging.Handler {
    int published;

    @Override
    public void publish(java.util.logging.LogRecord record) {
      published++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
