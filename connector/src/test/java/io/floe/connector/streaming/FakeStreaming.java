package io.floe.connector.streaming;

import io.floe.connector.snowflake.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Snowpipe Streaming as the loader relies on it, without a server: a channel's rows and token are
 * committed together when the test says the SDK flushed, reopening a channel fences older instances
 * (their buffered rows are never committed), and a row the predicate refuses fails its whole call.
 */
final class FakeStreaming implements ChannelOpener {
  /** What Snowflake holds for one channel. */
  static final class Committed {
    String token;
    final List<Map<String, Object>> rows = new ArrayList<>();
    int sequencer;
  }

  private record Buffered(List<Map<String, Object>> rows, String endToken) {}

  final Map<String, Committed> channels = new HashMap<>();
  final List<Instance> instances = new ArrayList<>();
  Predicate<Map<String, Object>> refuses = row -> false;
  int opens;
  int tokenRequests;

  final class Instance implements Channel {
    private final String name;
    private final int sequencer;
    private final List<Buffered> buffer = new ArrayList<>();
    private boolean invalid;
    private boolean closed;

    Instance(String name, int sequencer) {
      this.name = name;
      this.sequencer = sequencer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String committedToken() {
      if (sequencer != channels.get(name).sequencer) {
        invalidate(); // Snowflake answers a fenced instance's status request with an error
      }
      if (invalid) {
        throw new Invalidated("channel " + name + " is invalid", null);
      }
      return channels.get(name).token;
    }

    @Override
    public void insert(List<Map<String, Object>> rows, String startToken, String endToken) {
      if (invalid || closed) {
        throw new Invalidated("channel " + name + " is invalid", null);
      }
      for (Map<String, Object> row : rows) {
        if (refuses.test(row)) {
          throw new RowsRejected("refused " + row.get(RowColumns.CONTENT), null);
        }
      }
      buffer.add(new Buffered(List.copyOf(rows), endToken));
    }

    @Override
    public boolean valid() {
      return !invalid;
    }

    @Override
    public void close() {
      flush(this);
      closed = true;
    }

    /** As the SDK does after a failed upload: the buffered rows are lost. */
    void invalidate() {
      invalid = true;
      buffer.clear();
    }
  }

  @Override
  public synchronized Channel open(ObjectRef table, String channelName) {
    opens++;
    Committed c = channels.computeIfAbsent(channelName, n -> new Committed());
    c.sequencer++;
    Instance i = new Instance(channelName, c.sequencer);
    instances.add(i);
    return i;
  }

  @Override
  public List<String> committedTokens(List<Channel> channels) {
    tokenRequests++;
    List<String> out = new ArrayList<>();
    for (Channel c : channels) {
      out.add(c.committedToken());
    }
    return out;
  }

  @Override
  public synchronized String foreignToken(ObjectRef table, String channelName) {
    Committed c = channels.get(channelName);
    return c == null ? null : c.token;
  }

  /** The SDK's flush of every instance: the current instance commits, fenced ones are refused. */
  void flush() {
    for (Instance i : instances) {
      flush(i);
    }
  }

  private void flush(Instance i) {
    Committed c = channels.get(i.name);
    if (i.sequencer != c.sequencer) {
      if (!i.buffer.isEmpty()) {
        i.invalidate(); // Snowflake refuses a fenced instance's blob; the SDK invalidates it
      }
      return;
    }
    for (Buffered b : i.buffer) {
      c.rows.addAll(b.rows());
      c.token = b.endToken();
    }
    i.buffer.clear();
  }

  List<Map<String, Object>> rows(String channel) {
    Committed c = channels.get(channel);
    return c == null ? List.of() : c.rows;
  }

  @Override
  public void close() {}
}
