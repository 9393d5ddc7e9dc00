package io.floe.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates the quickstart topic and produces sample orders as JSON, keyed by order id and spread
 * evenly over the partitions. One JVM for both, which is faster than TopicCommand followed by
 * ConsoleProducer.
 *
 * <pre>
 * SampleProducer --bootstrap-servers HOST:PORT --topic T [--partitions 2] [--records 10]
 * </pre>
 */
public final class SampleProducer {
  private static final String[] CUSTOMERS = {"Ada", "Grace", "Linus", "Barbara", "Ken"};
  private static final String[] ITEMS = {"kettle", "teapot", "mug", "tea tin", "strainer"};
  private static final double[] PRICES = {24.5, 31.0, 8.25, 12.0, 6.75};

  private SampleProducer() {}

  public static void main(String[] argv) throws Exception {
    ToolArgs args = new ToolArgs("SampleProducer", argv);
    String bootstrap = args.required("bootstrap-servers");
    String topic = args.required("topic");
    int partitions = args.intValue("partitions", 2);
    int count = args.intValue("records", 10);

    createTopic(bootstrap, topic, partitions);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (Map<String, Object> order : orders(count)) {
        String key = "order-" + order.get("order_id");
        int partition = acks.size() % partitions;
        acks.add(producer.send(new ProducerRecord<>(topic, partition, key, json(order))));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }
    System.err.printf("  produced %d orders to %s (%d partitions)%n", count, topic, partitions);
  }

  static List<Map<String, Object>> orders(int count) {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("order_id", 1001 + i);
      o.put("customer", CUSTOMERS[i % CUSTOMERS.length]);
      o.put("item", ITEMS[(i * 3) % ITEMS.length]);
      o.put("quantity", 1 + i % 3);
      o.put("price", PRICES[(i * 3) % PRICES.length]);
      orders.add(o);
    }
    return orders;
  }

  private static String json(Map<String, Object> order) throws Exception {
    return new ObjectMapper().writeValueAsString(order);
  }

  private static void createTopic(String bootstrap, String topic, int partitions)
      throws InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
      }
    }
  }
}
