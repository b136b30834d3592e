package dev.baton.sqlserver;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code baton.sql-server.*} settings {@code serve} hosts the endpoint with, declared so the settings check knows
 * them (a misspelt one is refused like any other) and binds their types before anything runs; {@link
 * SqlServerSettings#fromSettings} reads them with the command line's defaults.
 */
@ConfigurationProperties("baton.sql-server")
record SqlServerProperties(@DefaultValue("false") boolean enabled, String host, Integer port, String tlsCert, String tlsKey,
        Duration statementTimeout, Long rowLimit, Integer maxConcurrent) {
}
