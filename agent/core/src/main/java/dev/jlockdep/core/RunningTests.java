package dev.jlockdep.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tests run now, as a test framework tells ({@code Lockdep.testStarted}): a report says it was first
 * seen in the test running on its thread, else in the one test running, else in "several tests running".
 */
final class RunningTests {
    static final String SEVERAL = "several tests running";
    private final ThreadLocal<String> onThread = new ThreadLocal<>();
    /** Each test running, by name, with how many threads run one of that name. */
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    void started(String name) {
        onThread.set(name);
        running.merge(name, 1, Integer::sum);
    }

    void finished(String name) {
        if (name.equals(onThread.get())) {
            onThread.remove();
        }
        running.computeIfPresent(name, (n, count) -> count == 1 ? null : count - 1);
    }

    /** The test a report made now on this thread was seen in; null if no test runs. */
    String now() {
        String mine = onThread.get();
        if (mine != null) {
            return mine;
        }
        return switch (running.size()) {
            case 0 -> null;
            case 1 -> running.keySet().iterator().next();
            default -> SEVERAL;
        };
    }
}
