package io.floe.connector.conversion;

/** JSON text not yet validated: {@link JsonTextCopier} checks it while writing the line. */
final class JsonTextContent extends SnowflakeContent {
  JsonTextContent(byte[] text) {
    super(text);
  }

  @Override
  int valueCount() {
    return 1;
  }

  @Override
  public String toString() {
    return "JsonTextContent[" + raw().length + " bytes]";
  }
}
