package dev.baton.publish;

/**
 * Named points of the publish where a test stops the process dead, as kill -9 would (no shutdown hooks, no finally):
 * {@code java -Dbaton.test.halt-at=<point> ...}. Only a JVM system property arms it, never a Baton setting.
 */
final class CrashPoint {

    static final String PROPERTY = "baton.test.halt-at";
    /** The exit code of a process killed by SIGKILL, so a test sees what kill -9 gives. */
    static final int KILLED = 137;

    private CrashPoint() {
    }

    static void reached(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            System.out.flush();
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
