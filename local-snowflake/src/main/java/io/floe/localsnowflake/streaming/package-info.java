/**
 * Snowpipe Streaming's server side for the classic ingest SDK client: channels with their client
 * sequencer (fencing), row sequencer and committed offset token ({@link
 * io.floe.localsnowflake.streaming.ChannelStore}), and blob registration that reads each chunk
 * (decrypt, MD5, DuckDB read_parquet) and commits its rows with the channels' new state in one
 * DuckDB transaction ({@link io.floe.localsnowflake.streaming.BlobRegistrar}). The wire format
 * lives in the http package's {@code StreamingEndpoint}. See docs/local-snowflake.md, "Snowpipe
 * Streaming".
 */
package io.floe.localsnowflake.streaming;
