package dev.baton.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code serve}'s {@code GET /metrics}: the JDK's own HTTP server (Baton runs no web container), one thread, each
 * scrape reading the metrics afresh. Started only by serve; closed with the context.
 */
@Component
public class MetricsEndpoint implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final MetricsExport export;
    private final ObserveProperties.MetricsHttp settings;
    private HttpServer server;

    MetricsEndpoint(MetricsExport export, ObserveProperties.MetricsHttp settings) {
        this.export = export;
        this.settings = settings;
    }

    /** @return the address it listens on, or empty when {@code baton.metrics-http.port} is -1 */
    public synchronized Optional<InetSocketAddress> start() {
        if (settings.port() < 0) {
            return Optional.empty();
        }
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for metrics on " + settings.host() + ":" + settings.port()
                    + " (baton.metrics-http.port): " + e.getMessage(), e);
        }
        server.createContext("/metrics", this::scrape);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-metrics-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return Optional.of(server.getAddress());
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            int status = 200;
            try {
                body = export.scrape().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.warn("metrics: scrape failed: {}", e.getMessage());
                body = ("# scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                status = 500;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void destroy() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
