package io.floe.connector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward HTTP proxy for plain-http targets (the local Snowflake speaks http on loopback) that
 * demands Basic proxy credentials (of every request but uploads, see {@link #serve}) and counts, by
 * request path, what it forwards. Each request is sent upstream with {@code Connection: close} and
 * its answer relayed with the same header, so one exchange per client connection and no HTTP
 * parsing beyond the request head.
 */
public final class CountingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String expectedAuthorization;
  private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();

  public CountingProxy(String user, String password) throws IOException {
    this.expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "counting-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Requests forwarded whose "METHOD /path" contains {@code fragment}. */
  public int forwarded(String fragment) {
    return forwarded.entrySet().stream()
        .filter(e -> e.getKey().contains(fragment))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  /** All requests forwarded. */
  public int forwarded() {
    return forwarded("");
  }

  /** Requests answered 407 because they lacked the credentials. */
  public int refused() {
    return refused.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "counting-proxy-exchange");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      String method = requestLine[0];
      URI target = URI.create(requestLine[1]);
      if (method.equals("CONNECT") || target.getScheme() == null) {
        out.write(response("501 Not Implemented", "").getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      long length = 0;
      boolean chunked = false;
      String authorization = null;
      List<String> headers = new ArrayList<>();
      for (String h : head.subList(1, head.size())) {
        String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(h.indexOf(':') + 1).trim();
        switch (name) {
          case "proxy-authorization" -> authorization = value;
          case "proxy-connection", "connection", "keep-alive" -> {}
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
          default -> headers.add(h);
        }
      }
      // Bodies go upstream with a Content-Length (the driver streams its uploads chunked).
      byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
      if (body.length > 0 || length > 0) {
        headers.add("Content-Length: " + body.length);
      }
      // PUTs are the JDBC driver's stage uploads to the (simulated) cloud storage. It streams
      // them, so it cannot send one again with credentials after a 407 and would retry forever.
      // Over https, as against Snowflake, the proxy challenges the CONNECT that opens the tunnel,
      // which has no body; only this plain-http setup needs the exemption.
      if (!method.equals("PUT") && !expectedAuthorization.equals(authorization)) {
        refused.incrementAndGet();
        out.write(
            response(
                    "407 Proxy Authentication Required",
                    "Proxy-Authenticate: Basic realm=\"floe-test\"\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      forwarded
          .computeIfAbsent(method + " " + target.getRawPath(), p -> new AtomicInteger())
          .incrementAndGet();
      try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
        StringBuilder request = new StringBuilder();
        String path =
            target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        OutputStream up = upstream.getOutputStream();
        up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        up.write(body);
        up.flush();
        InputStream down = upstream.getInputStream();
        StringBuilder answer = new StringBuilder();
        for (String h : readHead(down)) {
          if (!h.toLowerCase(Locale.ROOT).startsWith("connection:")) {
            answer.append(h).append("\r\n");
          }
        }
        answer.append("Connection: close\r\n\r\n");
        out.write(answer.toString().getBytes(StandardCharsets.ISO_8859_1));
        down.transferTo(out);
        out.flush();
      }
    } catch (IOException e) {
      // the client or the upstream went away; nothing to count
    }
  }

  private static String response(String status, String headers) {
    return "HTTP/1.1 "
        + status
        + "\r\n"
        + headers
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in); // the CRLF after the chunk
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    if (b < 0) {
      throw new IOException("the client went away mid-request");
    }
    return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
  }

  /** The request or status line and the header lines, up to the blank line. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  /** Requests forwarded by path, and how many were refused, for failure messages. */
  @Override
  public String toString() {
    return "CountingProxy[forwarded="
        + new java.util.TreeMap<>(forwarded)
        + ", refused="
        + refused
        + "]";
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
