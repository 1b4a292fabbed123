package dev.jlockdep.instrument;

import dev.jlockdep.core.Limits;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The agent's options, {@code -javaagent:jlockdep-agent.jar=key=value,key=value}. A mistyped key or a
 * bad value is an {@link IllegalArgumentException} whose message is the one line the JVM dies with:
 * a validator that silently does nothing is worse than none.
 */
final class AgentOptions {
    /** The dump file; {@code %p} stands for the process id, {@code %t} for the agent's start time. */
    String dump;
    /** The file the agent's reports and notices go to instead of stderr, with {@code %p} and {@code %t}. */
    String log;
    /** Seconds between dumps written while the JVM runs; 0: only at exit. */
    int dumpEvery;
    List<String> includes = List.of();
    List<String> excludes = List.of();
    boolean once;
    int stackDepth = 32;
    /** Seconds a thread may keep its outermost lock before the watchdog reports it; 0: no watchdog. */
    int watchdog;
    /** The user's suppressions file, or null. */
    String suppressions;
    /** Whether the shipped suppressions and the libraries' own apply. */
    boolean defaultSuppressions = true;
    /** Whether waits for events (latches, semaphores, conditions, notify, thread ends) are dependencies. */
    boolean events = true;
    /** Whether wake-ups that may go astray are warned of (a notify of two kinds of waiter, a lost notify). */
    boolean wakeUps = true;
    /** Whether class initialization is followed as a lock (static initializers, and uses of classes). */
    boolean classInits = true;
    int maxClasses = Limits.DEFAULT.classes();
    int maxDependencies = Limits.DEFAULT.dependencies();
    int maxChains = Limits.DEFAULT.chains();
    int maxStackFrames = Limits.DEFAULT.stackFrames();

    /** The options, as the error for an unknown one lists them. */
    private static final List<String> NAMES = List.of("classInits", "defaultSuppressions", "dump", "dumpEvery",
            "events", "exclude", "include", "log", "maxChains", "maxClasses", "maxDependencies", "maxStackFrames",
            "once", "stackDepth", "suppressions", "wakeUps", "watchdog");

    /**
     * Sets one option; false if there is none of that name. A switch, not a map of lambdas: each lambda
     * would be a class spun at every JVM's start-up.
     */
    private boolean set(String key, String v) {
        switch (key) {
            case "dump" -> dump = path(key, v);
            case "log" -> log = path(key, v);
            case "dumpEvery" -> dumpEvery = intIn(key, v, 0, 86_400);
            case "include" -> includes = patterns(key, v);
            case "exclude" -> excludes = patterns(key, v);
            case "once" -> once = bool(key, v);
            case "events" -> events = bool(key, v);
            case "wakeUps" -> wakeUps = bool(key, v);
            case "classInits" -> classInits = bool(key, v);
            case "suppressions" -> suppressions = path(key, v);
            case "defaultSuppressions" -> defaultSuppressions = bool(key, v);
            case "stackDepth" -> stackDepth = intIn(key, v, 1, 1024);
            case "watchdog" -> watchdog = intIn(key, v, 0, 86_400);
            case "maxClasses" -> maxClasses = intIn(key, v, 1, 1 << 30);
            case "maxDependencies" -> maxDependencies = intIn(key, v, 1, 1 << 30);
            case "maxChains" -> maxChains = intIn(key, v, 1, 1 << 30);
            case "maxStackFrames" -> maxStackFrames = intIn(key, v, 1, 1 << 30);
            default -> {
                return false;
            }
        }
        return true;
    }

    Limits limits() {
        return new Limits(maxClasses, maxDependencies, maxChains, maxStackFrames);
    }

    @SuppressWarnings("StringSplitter") // a trailing comma makes no empty option, as split drops it
    static AgentOptions parse(String args) {
        AgentOptions options = new AgentOptions();
        if (args == null || args.isBlank()) {
            return options;
        }
        for (String pair : args.split(",")) {
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("jlockdep: unknown agent option '" + key + "' (accepted: "
                        + String.join(", ", NAMES) + ")");
            }
            if (eq < 0) {
                throw new IllegalArgumentException("jlockdep: agent option '" + key + "' needs a value, as "
                        + key + "=VALUE");
            }
            if (!options.set(key, pair.substring(eq + 1).trim())) {
                throw new IllegalStateException("jlockdep: agent option '" + key + "' is listed but not set");
            }
        }
        if (options.dumpEvery > 0 && options.dump == null) {
            throw new IllegalArgumentException("jlockdep: agent option 'dumpEvery' needs dump=FILE, the file it rewrites");
        }
        return options;
    }

    /**
     * A file option's path: {@code %p} the process id, {@code %t} the agent's start time (UTC, yyyyMMdd-HHmmss).
     * Each is worked out only when the pattern has it: the pid alone cost the agent's start-up 10 ms.
     */
    static Path expand(String pattern, LongSupplier pid, Instant start) {
        String path = pattern.contains("%p") ? pattern.replace("%p", Long.toString(pid.getAsLong())) : pattern;
        return Path.of(path.contains("%t")
                ? path.replace("%t", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(start))
                : path);
    }

    private static String nonEmpty(String key, String value) {
        if (value.isEmpty()) {
            throw bad(key, value, "a non-empty value");
        }
        return value;
    }

    private static String path(String key, String value) {
        try {
            var unused = expand(nonEmpty(key, value), () -> 0, Instant.EPOCH); // only whether it parses
            return value;
        } catch (InvalidPathException e) {
            throw bad(key, value, "a file path");
        }
    }

    /** Class-name globs separated by ':' (',' separates options). */
    private static List<String> patterns(String key, String value) {
        List<String> list = new ArrayList<>(Arrays.asList(nonEmpty(key, value).split(":")));
        if (list.stream().anyMatch(String::isBlank)) {
            throw bad(key, value, "class-name patterns separated by ':', such as com.acme.*:org.example.Foo");
        }
        return List.copyOf(list);
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, value, "true or false");
        };
    }

    private static int intIn(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(key, value, "a whole number from " + min + " to " + max);
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("jlockdep: bad value '" + value + "' for agent option '" + key
                + "': expected " + expected);
    }
}
