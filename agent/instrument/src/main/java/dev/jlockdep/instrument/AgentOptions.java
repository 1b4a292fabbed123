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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

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

    private static final Map<String, BiConsumer<AgentOptions, String>> SETTERS = new TreeMap<>();

    static {
        SETTERS.put("dump", (o, v) -> o.dump = path("dump", v));
        SETTERS.put("log", (o, v) -> o.log = path("log", v));
        SETTERS.put("dumpEvery", (o, v) -> o.dumpEvery = intIn("dumpEvery", v, 0, 86_400));
        SETTERS.put("include", (o, v) -> o.includes = patterns("include", v));
        SETTERS.put("exclude", (o, v) -> o.excludes = patterns("exclude", v));
        SETTERS.put("once", (o, v) -> o.once = bool("once", v));
        SETTERS.put("events", (o, v) -> o.events = bool("events", v));
        SETTERS.put("wakeUps", (o, v) -> o.wakeUps = bool("wakeUps", v));
        SETTERS.put("classInits", (o, v) -> o.classInits = bool("classInits", v));
        SETTERS.put("suppressions", (o, v) -> o.suppressions = path("suppressions", v));
        SETTERS.put("defaultSuppressions", (o, v) -> o.defaultSuppressions = bool("defaultSuppressions", v));
        SETTERS.put("stackDepth", (o, v) -> o.stackDepth = intIn("stackDepth", v, 1, 1024));
        SETTERS.put("watchdog", (o, v) -> o.watchdog = intIn("watchdog", v, 0, 86_400));
        SETTERS.put("maxClasses", (o, v) -> o.maxClasses = intIn("maxClasses", v, 1, 1 << 30));
        SETTERS.put("maxDependencies", (o, v) -> o.maxDependencies = intIn("maxDependencies", v, 1, 1 << 30));
        SETTERS.put("maxChains", (o, v) -> o.maxChains = intIn("maxChains", v, 1, 1 << 30));
        SETTERS.put("maxStackFrames", (o, v) -> o.maxStackFrames = intIn("maxStackFrames", v, 1, 1 << 30));
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
            BiConsumer<AgentOptions, String> setter = SETTERS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException("jlockdep: unknown agent option '" + key + "' (accepted: "
                        + String.join(", ", SETTERS.keySet()) + ")");
            }
            if (eq < 0) {
                throw new IllegalArgumentException("jlockdep: agent option '" + key + "' needs a value, as "
                        + key + "=VALUE");
            }
            setter.accept(options, pair.substring(eq + 1).trim());
        }
        if (options.dumpEvery > 0 && options.dump == null) {
            throw new IllegalArgumentException("jlockdep: agent option 'dumpEvery' needs dump=FILE, the file it rewrites");
        }
        return options;
    }

    /** A file option's path: {@code %p} the process id, {@code %t} the agent's start time (UTC, yyyyMMdd-HHmmss). */
    static Path expand(String pattern, long pid, Instant start) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(start);
        return Path.of(pattern.replace("%p", Long.toString(pid)).replace("%t", time));
    }

    private static String nonEmpty(String key, String value) {
        if (value.isEmpty()) {
            throw bad(key, value, "a non-empty value");
        }
        return value;
    }

    private static String path(String key, String value) {
        try {
            var unused = expand(nonEmpty(key, value), 0, Instant.EPOCH); // only whether it parses
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
