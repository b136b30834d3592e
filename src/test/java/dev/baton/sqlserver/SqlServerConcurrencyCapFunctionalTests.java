package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.warehouse.WarehouseLayout;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cap on concurrent statements ({@code --max-concurrent}, {@code baton.sql-server.max-concurrent}) as
 * docs/bi.md gives it: a statement holds its slot from execution until its result has been fetched, and one beyond
 * the cap waits for a free slot up to the statement timeout, then is refused. A statement executed and not yet
 * fetched is, to the server, a slow statement: it holds its slot as long as the client likes (up to its timeout).
 * The client here is Arrow's own Flight SQL client in this JVM, since the JDBC driver always fetches at once.
 */
class SqlServerConcurrencyCapFunctionalTests {

    static final int CAP = 2;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String QUERY = "select count(*) as months from bi_revenue_bridge";

    @TempDir
    Path workspace;

    @Test
    void statementsBeyondTheCapWaitForASlotAndAreRefusedWhenNoneFreesWithinTheTimeout() throws Exception {
        // given: a published night and a server with 2 slots and a 10 s statement timeout (a loaded machine must not time out the statements that do get a slot)
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-09-30")).isZero();
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        new SqlUsers(layout.stateDir()).add("board", "board-secret-9", "*");
        SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0).withLimits(TIMEOUT, 1000, CAP);

        try (SqlServer server = SqlServer.start(layout, settings, System.err); BufferAllocator allocator = new RootAllocator();
                Client client = new Client(allocator, server.port())) {
            long months = client.fetch(client.execute());

            // when: both slots are held and two more statements come at once
            FlightInfo first = client.execute();
            FlightInfo second = client.execute();
            long started = System.nanoTime();
            List<CompletableFuture<FlightInfo>> extra = List.of(CompletableFuture.supplyAsync(client::execute),
                    CompletableFuture.supplyAsync(client::execute));

            // then: both wait the statement timeout for a slot, then are refused as "resource exhausted"
            for (CompletableFuture<FlightInfo> statement : extra) {
                assertThatThrownBy(() -> statement.get(30, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(FlightRuntimeException.class, refused -> {
                            assertThat(refused.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
                            assertThat(refused.getMessage()).contains("refused: all 2 statement slots stayed busy for the statement timeout");
                        });
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
            // the held ones' time is up as well (a statement's timeout runs from its start to its last row): fetching
            // them now fails, and gives their slots back
            for (FlightInfo late : List.of(first, second)) {
                assertThatThrownBy(() -> client.fetch(late)).isInstanceOf(FlightRuntimeException.class);
            }

            // when: both slots are held again and a third statement comes
            FlightInfo holding = client.execute();
            FlightInfo alsoHolding = client.execute();
            CompletableFuture<FlightInfo> waiting = CompletableFuture.supplyAsync(client::execute);
            Thread.sleep(500);

            // then: it waits, gets the slot the moment one result is fetched, and answers
            assertThat(waiting).isNotDone();
            assertThat(client.fetch(holding)).isEqualTo(months);
            assertThat(client.fetch(waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(months);
            assertThat(client.fetch(alsoHolding)).isEqualTo(months);
        }

        // and the audit log names each refusal
        List<String> refusals = Files.readAllLines(layout.stateDir().resolve("sql-audit.log")).stream()
                .filter(line -> line.contains("\trefused=yes\t")).toList();
        assertThat(refusals).hasSize(2).allSatisfy(line -> assertThat(line).contains("user=board")
                .contains("reason=all 2 statement slots stayed busy for the statement timeout"));
    }

    /** Arrow's Flight SQL client, logged in once; execute and fetch are separate calls, as in the protocol. */
    private static final class Client implements AutoCloseable {
        private final org.apache.arrow.flight.sql.FlightSqlClient sql;
        private final CallOption token;

        Client(BufferAllocator allocator, int port) {
            FlightClient flight = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).build();
            token = flight.authenticateBasicToken("board", "board-secret-9").orElseThrow();
            sql = new org.apache.arrow.flight.sql.FlightSqlClient(flight);
        }

        FlightInfo execute() {
            return sql.execute(QUERY, token);
        }

        long fetch(FlightInfo info) throws Exception {
            try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
                assertThat(stream.next()).isTrue();
                return ((BigIntVector) stream.getRoot().getVector("months")).get(0);
            }
        }

        @Override
        public void close() throws Exception {
            sql.close();
        }
    }
}
