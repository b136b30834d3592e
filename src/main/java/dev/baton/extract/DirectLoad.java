package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

import dev.baton.warehouse.SqlIdentifiers;

/**
 * The least work that lands the files: one INSERT ... SELECT with casts per entity, no quarantine, no ledger.
 * The benchmark's engine floor; never used by a job, which must account for every row.
 */
public final class DirectLoad {

    private DirectLoad() {
    }

    /** Loads every {@code <entity>*.csv} of the folder into {@code landed_<entity>}; returns the rows loaded. */
    public static long load(Connection connection, Path landing, List<String> entities) throws SQLException {
        LandingFiles files = new LandingFiles(landing);
        KeyedHash hash = KeyedHash.fromKey(System.getenv(KeyedHash.KEY_VARIABLE));
        if (hash != null) {
            hash.install(connection);
        }
        long rows = 0;
        for (String entity : entities) {
            LandingContract contract = LandingContract.read(connection, entity);
            List<Path> paths = files.of(entity);
            if (paths.isEmpty()) {
                continue;
            }
            StringJoiner fileList = new StringJoiner(", ", "[", "]");
            paths.forEach(path -> fileList.add(SqlIdentifiers.quoteLiteral(path.toString())));
            StringJoiner names = new StringJoiner(", ");
            StringJoiner casts = new StringJoiner(", ");
            for (LandingContract.Column column : contract.columns()) {
                names.add(column.name());
                if (column.hashed()) {
                    casts.add(hash == null ? "cast(null as varchar)" : hash.sql(column.sourceName()));
                } else {
                    casts.add(column.isText() ? column.name() : "cast(" + column.name() + " as " + column.type() + ")");
                }
            }
            try (Statement statement = connection.createStatement()) {
                rows += statement.executeUpdate("insert into " + contract.table() + " (" + names + ", _source_file, _line_number) "
                        + "select " + casts + ", filename, 0 from read_csv(" + fileList
                        + ", header = true, all_varchar = true, union_by_name = true, filename = true)");
            }
        }
        return rows;
    }
}
