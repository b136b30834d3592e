package dev.baton.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The process running an execution, written into its execution context so a crash can be told apart. */
record RunOwner(String host, long pid) {

    static final String HOST = "baton.owner.host";
    static final String PID = "baton.owner.pid";

    static RunOwner current() {
        return new RunOwner(hostName(), ProcessHandle.current().pid());
    }

    static RunOwner of(ExecutionContext context) {
        if (!context.containsKey(HOST)) {
            return null;
        }
        return new RunOwner(context.getString(HOST), context.getLong(PID));
    }

    void writeTo(ExecutionContext context) {
        context.putString(HOST, host);
        context.putLong(PID, pid);
    }

    boolean isThisHost() {
        return host.equals(hostName());
    }

    boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    String describe() {
        return "pid " + pid + " on " + host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
