package dev.baton.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.BatonApplication;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring context behind the commands that run jobs, pointed at one warehouse folder. */
final class BatonContext {

    private BatonContext() {
    }

    static ConfigurableApplicationContext start(WarehouseLayout layout, Path projectDir, Map<String, String> settings) {
        Map<String, Object> properties = new LinkedHashMap<>(settings);
        properties.put("baton.warehouse", layout.root().toString());
        properties.put("spring.datasource.url", layout.metadataJdbcUrl());
        if (projectDir != null) {
            properties.put("baton.project-dir", projectDir.toAbsolutePath().toString());
        }
        // As command-line arguments, these outrank application.yml (builder "properties" would not).
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(BatonApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments);
    }
}
