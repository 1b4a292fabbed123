package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The threads that wait for a class's initialization, as only the JVM's own thread dump says
 * ({@code - waiting on the Class initialization monitor for NAME}, JDK 17 and later): such a thread shows
 * as running, and where it stands may be a lambda's class, whose frames no stack trace shows. For the
 * watchdog, which asks only while an initializer has run for its threshold: a dump costs milliseconds.
 */
final class ClassInitWaits {
    /** One thread's wait: the class, and the frame it stands in. */
    record Wait(String className, Frame at) {
    }

    private static final Pattern HEADER = Pattern.compile("^\"(?:[^\"]|\"(?!\\s#))*\"\\s#(\\d+)\\s");
    private static final Pattern FRAME = Pattern.compile("^\\s+at (\\S+)\\.([^.(]+)\\((?:[^/)]*/)?([^:)]*)(?::(\\d+))?\\)$");
    private static final String WAITING = "- waiting on the Class initialization monitor for ";

    private ClassInitWaits() {
    }

    /** The waits for class initialization, by thread id; empty where the JVM has no such command. */
    static Map<Long, Wait> now() {
        try {
            Object dump = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return dump instanceof String text ? parse(text) : Map.of();
        } catch (JMException | RuntimeException unavailable) {
            return Map.of();
        }
    }

    /** The waits a thread dump's text shows: a thread's first frame and the class its monitor line names. */
    static Map<Long, Wait> parse(String dump) {
        Map<Long, Wait> waits = new HashMap<>();
        long thread = -1;
        Frame top = null;
        for (String line : dump.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.find()) {
                thread = Long.parseLong(header.group(1));
                top = null;
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches() && top == null && thread >= 0) {
                top = frame(frame);
            } else if (line.trim().startsWith(WAITING) && top != null) {
                waits.put(thread, new Wait(line.trim().substring(WAITING.length()).trim(), top));
                thread = -1;
            }
        }
        return waits;
    }

    /** A frame as the dump prints it; a lambda's class, named anew on every run, by the class it is a lambda of. */
    private static Frame frame(Matcher m) {
        String className = m.group(1);
        int lambda = className.indexOf("$$Lambda");
        if (lambda >= 0) {
            return new Frame(className.substring(0, lambda + "$$Lambda".length()), m.group(2), null, -1);
        }
        String file = m.group(3).isEmpty() || m.group(3).contains(" ") ? null : m.group(3);
        return new Frame(className, m.group(2), file, m.group(4) == null ? -1 : Integer.parseInt(m.group(4)));
    }
}
