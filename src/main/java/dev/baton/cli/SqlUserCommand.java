package dev.baton.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.baton.sqlserver.SqlUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql-user", mixinStandardHelpOptions = true,
        description = "Manage the users of `baton sql-server`: add NAME (password from standard input), remove NAME, list.")
final class SqlUserCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, remove or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--tables", defaultValue = SqlUsers.DEFAULT_TABLES,
            description = "Tables and views NAME may read, '*' for any characters, '*' alone for all (default: ${DEFAULT-VALUE}).")
    String tables;

    @Override
    public Integer call() throws Exception {
        SqlUsers users = new SqlUsers(warehouse.layout().stateDir());
        switch (action) {
            case "list" -> users.list().forEach(user -> System.out.println(user.name() + "\t" + String.join(",", user.tables())));
            case "add" -> {
                requireName();
                // Never an argument: it would sit in the shell history and in every process listing.
                if (System.console() != null) {
                    System.err.print("Password for " + name + ": ");
                }
                String password = System.console() != null ? new String(System.console().readPassword())
                        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                users.add(name, password, tables);
                System.out.println("user " + name + " may read " + tables + " (" + users.file() + ")");
            }
            case "remove" -> {
                requireName();
                if (!users.remove(name)) {
                    throw new IllegalArgumentException("No user " + name + " in " + users.file());
                }
                System.out.println("user " + name + " removed");
            }
            default -> throw new IllegalArgumentException("sql-user: unknown action '" + action + "'; use add, remove or list");
        }
        return BatonCli.OK;
    }

    private void requireName() {
        if (name == null) {
            throw new IllegalArgumentException("sql-user " + action + ": give the user NAME");
        }
    }
}
