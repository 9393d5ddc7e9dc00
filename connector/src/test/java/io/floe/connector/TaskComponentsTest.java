package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.TaskContextStandIn;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task whose start() fails part way leaves nothing running behind it. */
class TaskComponentsTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFailureAfterTheLoaderStartedClosesWhatWasBuilt() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "leak_test");
    Map<String, String> config = new HashMap<>(f.config("leaky", 5));
    config.put("task.id", "7");
    config.put("jmx", "true");
    // The worker's context fails when asked for the dead-letter reporter, which happens after the
    // loader has started its submit and load-tracker threads and the task's MBean is registered.
    TaskContextStandIn context =
        new TaskContextStandIn(config) {
          @Override
          public ErrantRecordReporter errantRecordReporter() {
            throw new IllegalStateException("worker failed");
          }
        };
    assertThrows(IllegalStateException.class, () -> TaskComponents.create(config, context));

    Poll.until(Duration.ofSeconds(10), TaskComponentsTest::leakyThreads, List::isEmpty);
    assertFalse(
        ManagementFactory.getPlatformMBeanServer()
            .isRegistered(new ObjectName("io.floe:type=task,connector=\"leaky\",task=7")));
  }

  private static List<String> leakyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("floe-leaky-"))
        .toList();
  }
}
