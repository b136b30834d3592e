package dev.baton.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.baton.warehouse.DuckDbFiles;

/**
 * The connection {@code baton query} and {@code baton shell} give an analyst's SQL: read-only, and no file access
 * outside the database either. DuckDB's read-only mode only protects the database file: without the rest, COPY ... TO
 * would write any file (the published warehouse.duckdb itself included), read_csv read any file, INSTALL and ATTACH
 * reach out, and SET could switch the protection off again.
 */
final class LockedDownConnection {

    private LockedDownConnection() {
    }

    static Connection open(Path database) throws SQLException {
        Connection connection = DuckDbFiles.openReadOnly(database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set autoinstall_known_extensions = false");
            statement.execute("set autoload_known_extensions = false");
            statement.execute("set enable_external_access = false");
            statement.execute("set allow_community_extensions = false");
            statement.execute("set lock_configuration = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
