package dev.baton.observe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of what Baton tells the outside world: metrics over HTTP ({@code serve}) and alerts. */
final class ObserveProperties {

    private ObserveProperties() {
    }

    /**
     * {@code baton.metrics-http.*}: where {@code serve} answers Prometheus scrapes on {@code /metrics}.
     *
     * @param port TCP port; 0 takes any free port, -1 turns the endpoint off
     * @param host address to listen on; 127.0.0.1 keeps it on the machine, 0.0.0.0 lets a remote Prometheus in
     */
    @ConfigurationProperties("baton.metrics-http")
    record MetricsHttp(@DefaultValue("9464") int port, @DefaultValue("127.0.0.1") String host) {

        MetricsHttp {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("baton.metrics-http.port must be a TCP port, 0 (any free one) or -1 (off), got " + port);
            }
        }
    }

    /**
     * {@code baton.notify.*}: where alerts go. A URL that carries a secret belongs in the environment
     * ({@code BATON_NOTIFY_WEBHOOK_URL}); a bearer token is read only from {@code BATON_NOTIFY_TOKEN}.
     *
     * @param webhookUrl http(s) URL that receives one JSON event per POST; empty sends nothing
     * @param timeoutSeconds how long one POST may take before it is given up (a run never waits longer)
     */
    @ConfigurationProperties("baton.notify")
    record Notify(@DefaultValue("") String webhookUrl, @DefaultValue("10") int timeoutSeconds) {

        Notify {
            if (!webhookUrl.isBlank() && !webhookUrl.matches("(?i)https?://\\S+")) {
                throw new IllegalArgumentException("baton.notify.webhook-url must be an http(s) URL, got '" + webhookUrl + "'");
            }
        }
    }
}
