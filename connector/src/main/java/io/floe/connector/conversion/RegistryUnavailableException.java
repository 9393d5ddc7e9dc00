package io.floe.connector.conversion;

/**
 * The schema registry could not be asked: it did not answer (after retries), refused the
 * credentials, or answered something that is not a registry's answer. Unlike a {@link
 * ConversionException} this says nothing about the record, so the record must not become broken:
 * the task stops instead (FLOE-4006) and, once restarted, reads the record again.
 */
final class RegistryUnavailableException extends RuntimeException {
  RegistryUnavailableException(String message) {
    // No stack trace: the message names the registry, the schema and every failure seen.
    super(message, null, false, false);
  }
}
