package io.floe.localsnowflake;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local Snowflake per test class. Either register it as a field —
 *
 * <pre>{@code
 * @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();
 * ... SNOWFLAKE.get().connect() ...
 * }</pre>
 *
 * — or use {@code @ExtendWith(LocalSnowflakeExtension.class)} and take a {@link LocalSnowflake}
 * parameter in test methods, constructors or {@code @BeforeAll} methods.
 *
 * <p>The server is shared by the class's tests, and so is its clock: {@link #advanceClock} moves it
 * for every later test too.
 */
public final class LocalSnowflakeExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LocalSnowflakeExtension.class);

  private final LocalSnowflake.Builder builder;
  private LocalSnowflake server;

  public LocalSnowflakeExtension() {
    this(LocalSnowflake.builder());
  }

  public LocalSnowflakeExtension(LocalSnowflake.Builder builder) {
    this.builder = builder;
  }

  /** The running server (between beforeAll and afterAll). */
  public LocalSnowflake get() {
    if (server == null) {
      throw new IllegalStateException("the local Snowflake starts before the test class runs");
    }
    return server;
  }

  /** Moves the server's clock forward: {@code get().advanceClock(amount)}. */
  public Instant advanceClock(Duration amount) {
    return get().advanceClock(amount);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = builder.start();
    context.getStore(NS).put(LocalSnowflake.class, server);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalSnowflake.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get();
  }
}
