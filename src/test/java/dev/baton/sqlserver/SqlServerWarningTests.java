package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlServerWarningTests {

    @TempDir
    Path warehouse;

    @Test
    void plainTextOnANetworkAddressIsWarnedAboutLoopbackIsNot() throws Exception {
        new SqlUsers(new WarehouseLayout(warehouse).stateDir()).add("someone", "some-secret-1", "bi_*");
        assertThat(warnings("0.0.0.0")).contains("WARNING listening on 0.0.0.0 WITHOUT TLS");
        assertThat(warnings("127.0.0.1")).isEmpty();
    }

    @Test
    void noUsersIsWarnedAbout() throws Exception {
        assertThat(warnings("127.0.0.1")).contains("WARNING no users in ").contains("baton sql-user add NAME");
    }

    private String warnings(String host) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
                SqlServer server = SqlServer.start(new WarehouseLayout(warehouse), SqlServerSettings.defaults(host, 0), out)) {
            assertThat(server.port()).isPositive();
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
