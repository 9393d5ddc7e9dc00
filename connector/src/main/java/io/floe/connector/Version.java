package io.floe.connector;

/** Floe's version, from the jar's manifest (or "dev" when run from classes). */
final class Version {
  private Version() {}

  static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
