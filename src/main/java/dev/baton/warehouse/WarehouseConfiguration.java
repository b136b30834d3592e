package dev.baton.warehouse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatonProperties.class)
class WarehouseConfiguration {

    @Bean
    WarehouseLayout warehouseLayout(BatonProperties properties) {
        return new WarehouseLayout(properties.warehouse());
    }

    @Bean
    ProjectFiles projectFiles(BatonProperties properties) {
        return new ProjectFiles(properties.projectDir());
    }

    @Bean
    DuckDbFiles duckDbFiles(BatonProperties properties, WarehouseLayout layout) {
        return new DuckDbFiles(properties.duckdb(), layout.tempDir());
    }

    @Bean
    BuildFiles buildFiles(WarehouseLayout layout, DuckDbFiles duckDbFiles) {
        return new BuildFiles(layout, duckDbFiles);
    }
}
