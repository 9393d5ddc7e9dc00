package io.floe.quickstart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's records: JSON orders of a fixed size (padded with a note), keyed by order id,
 * sent round-robin to the partitions so that each partition's offsets are known without asking.
 */
final class BenchRecords implements AutoCloseable {
  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final int bytes;
  private final KafkaProducer<byte[], byte[]> producer;
  private final long[] sentPerPartition;
  private long next;

  BenchRecords(String bootstrap, String topic, int partitions, int bytes) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.partitions = partitions;
    this.bytes = bytes;
    this.sentPerPartition = new long[partitions];
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                ProducerConfig.BUFFER_MEMORY_CONFIG, "134217728"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  int bytes() {
    return bytes;
  }

  /** Sends {@code count} records as fast as the broker takes them, and waits for every ack. */
  void produce(int count) {
    for (int i = 0; i < count; i++) {
      send(System.currentTimeMillis());
    }
    producer.flush();
  }

  /**
   * What the latency phase sent: per partition, the first offset it used and each record's send
   * time (epoch ms), in offset order.
   */
  record Sent(long[] firstOffset, long[][] sendMillis, int[] sizes, double seconds) {
    long count() {
      return Arrays.stream(sizes).asLongStream().sum();
    }

    /**
     * The send time of the record at {@code offset} of {@code partition}, or -1 if not sent here.
     */
    long sendTime(int partition, long offset) {
      long i = offset - firstOffset[partition];
      return i < 0 || i >= sizes[partition] ? -1 : sendMillis[partition][(int) i];
    }
  }

  /** Sends at {@code mbPerSecond} MB/s of values for {@code duration}, paced every 10 ms. */
  Sent produceAtRate(double mbPerSecond, Duration duration) {
    long[] first = sentPerPartition.clone();
    double perSecond = mbPerSecond * 1e6 / bytes;
    int expected = (int) (perSecond * duration.toSeconds()) / partitions + 16;
    long[][] times = new long[partitions][expected];
    int[] sizes = new int[partitions];
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    for (long now = start; now < end; now = System.nanoTime()) {
      long due = (long) ((now - start) / 1e9 * perSecond);
      for (; sent < due; sent++) {
        int p = (int) (next % partitions);
        if (sizes[p] == times[p].length) {
          times[p] = Arrays.copyOf(times[p], sizes[p] * 2);
        }
        long millis = System.currentTimeMillis();
        times[p][sizes[p]++] = millis;
        send(millis);
      }
      LockSupport.parkNanos(10_000_000);
    }
    producer.flush();
    return new Sent(first, times, sizes, (System.nanoTime() - start) / 1e9);
  }

  private void send(long millis) {
    long id = next++;
    int p = (int) (id % partitions);
    sentPerPartition[p]++;
    producer.send(
        new ProducerRecord<>(
            topic, p, millis, ("order-" + id).getBytes(StandardCharsets.UTF_8), value(id)));
  }

  /** One order of exactly {@link #bytes} bytes of JSON. */
  private byte[] value(long id) {
    StringBuilder b =
        new StringBuilder(bytes)
            .append("{\"order_id\":")
            .append(id)
            .append(",\"customer\":{\"id\":\"c-")
            .append(id % 9973)
            .append("\",\"tier\":\"")
            .append(id % 3 == 0 ? "gold" : "silver")
            .append("\"},\"quantity\":")
            .append(id % 7 + 1)
            .append(",\"price\":")
            .append(id % 1000 / 100.0 + 1.25)
            .append(",\"paid\":")
            .append(id % 2 == 0)
            .append(",\"note\":\"");
    int pad = bytes - b.length() - 2;
    for (int i = 0; i < pad; i++) {
      b.append((char) ('a' + (id + i) % 26));
    }
    return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
