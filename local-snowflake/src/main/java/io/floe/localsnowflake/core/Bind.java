package io.floe.localsnowflake.core;

/**
 * A bind variable as the driver sends it: {@code "bindings":{"1":{"type":"TEXT","value":"x"}}}.
 * Positions are 1-based. {@code value} is the driver's text form (null for SQL NULL).
 */
public record Bind(String type, String value) {}
