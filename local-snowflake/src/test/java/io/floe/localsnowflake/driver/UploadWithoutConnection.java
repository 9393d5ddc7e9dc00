package io.floe.localsnowflake.driver;

import java.io.InputStream;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import net.snowflake.client.core.OCSPMode;
import net.snowflake.client.core.SFSession;
import net.snowflake.client.core.SFStatement;
import net.snowflake.client.jdbc.SnowflakeConnectionV1;
import net.snowflake.client.jdbc.SnowflakeFileTransferAgent;
import net.snowflake.client.jdbc.SnowflakeFileTransferConfig;
import net.snowflake.client.jdbc.SnowflakeFileTransferMetadata;

/**
 * snowflake-jdbc 3.x's upload with cached transfer metadata, as the Snowpipe Streaming SDK uses it:
 * one PUT answer (parsed by {@code SnowflakeFileTransferAgent.getFileTransferMetadatas}) and then
 * {@code uploadWithoutConnection}, which talks to the storage URL only. Kept apart because only 3.x
 * has these classes at these names.
 */
public final class UploadWithoutConnection {
  private UploadWithoutConnection() {}

  /**
   * Runs {@code put} (e.g. {@code PUT file:///x/name.json.gz @stage/prefix}; the local file need
   * not exist) for its transfer metadata, then uploads {@code content} as the file it names.
   */
  public static void upload(Connection connection, String put, InputStream content)
      throws Exception {
    SFSession session = connection.unwrap(SnowflakeConnectionV1.class).getSfSession();
    SnowflakeFileTransferAgent agent =
        new SnowflakeFileTransferAgent(put, session, new SFStatement(session));
    List<SnowflakeFileTransferMetadata> metadata = agent.getFileTransferMetadatas();
    if (metadata.size() != 1) {
      throw new IllegalStateException("one file expected in the PUT answer: " + metadata);
    }
    SnowflakeFileTransferAgent.uploadWithoutConnection(
        SnowflakeFileTransferConfig.Builder.newInstance()
            .setSnowflakeFileTransferMetadata(metadata.get(0))
            .setUploadStream(content)
            .setRequireCompress(false)
            .setOcspMode(OCSPMode.FAIL_OPEN)
            .setProxyProperties(new Properties())
            .build());
  }
}
