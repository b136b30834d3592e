package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDBC source whose server is not up yet: the first connection attempt fails (the port accepts and hangs up),
 * PostgreSQL is started only then, and the extraction still reads its rows, on a later attempt of the back-off.
 */
class JdbcConnectRetryIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void aSourceThatComesUpAfterTheFirstAttemptIsReadOnARetry() throws Exception {
        // given a port where, for now, something accepts connections and hangs up at once
        int port;
        ServerSocket notYet = new ServerSocket(0);
        port = notYet.getLocalPort();
        // a query over no table: nothing needs creating once the server is up, so no retry can race a CREATE
        JdbcSource source = new JdbcSource("crm_db", "jdbc", null, "TEST_CRM_URL", "TEST_CRM_USER", "TEST_CRM_PASSWORD",
                Map.of("accounts", new JdbcSource.Table(null,
                        "select 'A1' as account_id, 'Acme' as account_name, timestamptz '2024-03-01 10:00:00+00' as updated_at",
                        null, null)));
        Map<String, String> environment = Map.of("TEST_CRM_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "TEST_CRM_USER", "postgres", "TEST_CRM_PASSWORD", "postgres");
        ExecutorService night = Executors.newSingleThreadExecutor();
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2024, 3, 1))) {
            // when the extraction starts, its first attempt is refused, and only then PostgreSQL starts on that port
            Future<List<DeliveryLoader.Delivery>> deliveries = night.submit(() -> fixture.extraction(0.1).jdbc(source, environment::get));
            Instant firstAttempt;
            try (notYet; Socket first = notYet.accept()) {
                firstAttempt = Instant.now();
            }
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).start()) {
                List<DeliveryLoader.Delivery> read = deliveries.get(2, TimeUnit.MINUTES);

                // then the night read the row, later than the failed first attempt (at least the first 1 s back-off)
                assertThat(read).hasSize(1);
                assertThat(Duration.between(firstAttempt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                assertThat(fixture.rows("select source_file, rows_read, rows_loaded from load_reconciliation"))
                        .extracting(row -> tuple(row.get("source_file"), row.get("rows_read"), row.get("rows_loaded")))
                        .containsExactly(tuple("crm_db:accounts", 1L, 1L));
            }
        } finally {
            night.shutdownNow();
        }
    }

    @Test
    void onlyConnectionProblemsAreRetried() {
        // SQLState class 08 is "connection exception"; 28P01 is PostgreSQL's wrong password
        assertThat(JdbcConnectRetry.isConnectionProblem(new SQLException("refused", "08001"))).isTrue();
        assertThat(JdbcConnectRetry.isConnectionProblem(new SQLTransientConnectionException("timeout"))).isTrue();
        assertThat(JdbcConnectRetry.isConnectionProblem(new SQLException("password", "28P01"))).isFalse();
        assertThat(JdbcConnectRetry.isConnectionProblem(new IllegalStateException("variable not set"))).isFalse();
    }
}
