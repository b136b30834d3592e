package dev.baton.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.RunEvents;
import dev.baton.jobs.RunHistory;
import dev.baton.warehouse.WarehouseLayout;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The warehouse's metrics in the Prometheus text format (every name prefixed {@code baton_}), through Micrometer's
 * Prometheus registry: written to {@code <warehouse>/state/metrics.prom} for node_exporter's textfile collector,
 * and scraped by {@code serve}'s endpoint. Metrics never fail a command: a problem is one warning in the log.
 */
@Component
public class MetricsExport {

    static final String FILE = "metrics.prom";

    private static final Logger log = LoggerFactory.getLogger(MetricsExport.class);

    private final WarehouseMetrics source;
    private final WarehouseLayout layout;
    private final PrometheusMeterRegistry registry = ObserveConfiguration.registry();
    private final Map<String, MultiGauge> gauges = new HashMap<>();

    MetricsExport(RunHistory history, JobCatalog catalog, WarehouseLayout layout) {
        this.source = new WarehouseMetrics(history, catalog, layout);
        this.layout = layout;
    }

    /** Reads the history and the published warehouse again, and returns the text a scrape gets. */
    public synchronized String scrape() {
        List<WarehouseMetrics.Family> families = source.read();
        for (WarehouseMetrics.Family family : families) {
            MultiGauge gauge = gauges.computeIfAbsent(family.name(), name -> MultiGauge.builder(name)
                    .description(family.help()).baseUnit(family.unit()).register(registry));
            gauge.register(family.rows().entrySet().stream()
                    .map(row -> {
                        double value = row.getValue();
                        return MultiGauge.Row.of(row.getKey(), () -> value);
                    })
                    .toList(), true);
        }
        for (Map.Entry<String, MultiGauge> gauge : gauges.entrySet()) {
            if (families.stream().noneMatch(family -> family.name().equals(gauge.getKey()))) {
                gauge.getValue().register(List.of(), true);
            }
        }
        return registry.scrape();
    }

    public Path file() {
        return layout.stateDir().resolve(FILE);
    }

    /** Writes the file whole and renames it into place, so the collector never reads half of it. */
    public void writeFile() {
        if (!Files.isDirectory(layout.stateDir())) {
            return;
        }
        try {
            Path temporary = layout.stateDir().resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(temporary, scrape(), StandardCharsets.UTF_8);
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("metrics: cannot write {}: {}", file(), e.getMessage());
        }
    }

    @EventListener
    void runFinished(RunEvents.RunFinished finished) {
        writeFile();
    }

    @EventListener
    void runRecovered(RunEvents.RunRecovered recovered) {
        writeFile();
    }
}
