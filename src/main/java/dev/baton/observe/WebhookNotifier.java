package dev.baton.observe;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.jobs.RunEvents;
import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts: one JSON object POSTed to {@code baton.notify.webhook-url} for a failed night and for a run recovered
 * from a dead process. The bearer token comes only from the environment ({@code BATON_NOTIFY_TOKEN}), never from a
 * setting that could sit in a file or a process list. A webhook that does not answer is logged, never fails a run.
 */
@Component
class WebhookNotifier {

    static final String TOKEN_VARIABLE = "BATON_NOTIFY_TOKEN";

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObserveProperties.Notify settings;
    private final WarehouseLayout layout;

    WebhookNotifier(ObserveProperties.Notify settings, WarehouseLayout layout) {
        this.settings = settings;
        this.layout = layout;
    }

    @EventListener
    void runFinished(RunEvents.RunFinished finished) {
        if (!finished.succeeded()) {
            send(event("night_failed", finished.job(), String.valueOf(finished.runDate()), finished.message()));
        }
    }

    @EventListener
    void runWarned(RunEvents.RunWarned warned) {
        Map<String, Object> event = event("night_warned", warned.job(), String.valueOf(warned.runDate()),
                warned.warnings().size() + " warning(s)");
        event.put("warnings", warned.warnings());
        send(event);
    }

    @EventListener
    void runRecovered(RunEvents.RunRecovered recovered) {
        Map<String, Object> event = event("run_recovered", recovered.job(), String.valueOf(recovered.runDate()),
                recovered.message());
        event.put("execution_id", recovered.executionId());
        send(event);
    }

    private Map<String, Object> event(String kind, String job, String runDate, String message) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", kind);
        event.put("job", job);
        event.put("run_date", runDate);
        event.put("message", message);
        event.put("warehouse", layout.root().toAbsolutePath().toString());
        event.put("host", hostName());
        event.put("at", Instant.now().toString());
        return event;
    }

    void send(Map<String, Object> event) {
        if (settings.webhookUrl().isBlank()) {
            return;
        }
        Duration timeout = Duration.ofSeconds(settings.timeoutSeconds());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.webhookUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event)));
        String token = System.getenv(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(timeout).build()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("notify: the webhook answered {} to the {} event", response.statusCode(), event.get("event"));
            }
        } catch (Exception e) {
            // The URL may carry a secret: say which event, not where it went.
            log.warn("notify: cannot send the {} event to the webhook: {}", event.get("event"), e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
