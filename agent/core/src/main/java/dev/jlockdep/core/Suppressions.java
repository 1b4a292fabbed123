package dev.jlockdep.core;

import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.ReportKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a project chose not to hear about, in ThreadSanitizer's style: one rule per line,
 * {@code KIND:WHAT:GLOB}, where KIND is a report kind ({@code circular}, {@code recursive}, ...) or
 * {@code *}, WHAT is {@code class} (a lock class of the report, by its key or any part of it after a
 * colon), {@code frame} ({@code Class.method} of any frame the report shows) or {@code thread} (the
 * reporting thread's name), and GLOB has {@code *} for anything (dots too) and {@code ?} for one
 * character. {@code #} starts a comment. The agent and the CLI read the same files and match the same
 * facts of a report (see {@link Facts}); a suppressed problem is kept, marked with its rule.
 */
public final class Suppressions {
    public static final Suppressions NONE = new Suppressions(List.of());

    /**
     * One rule, and the line it came from ({@code FILE:LINE: TEXT}), which marks what it suppresses. Its glob
     * is compiled when a report is first matched: most runs have none, and the first regular expression a
     * JVM compiles loads and links dozens of classes, at every start-up otherwise.
     */
    private static final class Rule {
        private final ReportKind kind;
        private final String what;
        private final String glob;
        private final String origin;
        private volatile Pattern compiled;

        Rule(ReportKind kind, String what, String glob, String origin) {
            this.kind = kind;
            this.what = what;
            this.glob = glob;
            this.origin = origin;
        }

        boolean matches(Facts f) {
            if (kind != null && kind != f.kind()) {
                return false;
            }
            List<String> candidates = switch (what) {
                case "class" -> f.classKeys().stream().flatMap(k -> keyParts(k).stream()).toList();
                case "frame" -> f.frames();
                default -> List.of(f.thread());
            };
            Pattern pattern = pattern();
            return candidates.stream().anyMatch(c -> pattern.matcher(c).matches());
        }

        /** Compiled once, on first use; two threads may both compile it, to the same pattern. */
        private Pattern pattern() {
            Pattern p = compiled;
            if (p == null) {
                p = Glob.compile(glob);
                compiled = p;
            }
            return p;
        }
    }

    /**
     * What rules are matched against: the report's kind, its thread's name, the keys of its lock classes
     * (a cycle's chain, the two locks of a recursive report; the held locks of any other) and the
     * {@code Class.method} of every frame it shows.
     */
    public record Facts(ReportKind kind, String thread, List<String> classKeys, List<String> frames) {
    }

    private final List<Rule> rules;

    private Suppressions(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * The rules of a file's text; a line that is no rule is an {@link IllegalArgumentException} whose
     * message is one line naming it.
     */
    public static Suppressions parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = text.lines().toList(); // not split, which compiles a regular expression (see Rule)
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            ReportKind kind = parts[0].equals("*") ? null : ReportKind.fromDumpName(parts[0]);
            if (parts.length != 3 || kind == null && !parts[0].equals("*") || !List.of("class", "frame", "thread")
                    .contains(parts[1]) || parts[2].isBlank()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": not a suppression (expected"
                        + " KIND:class|frame|thread:GLOB, such as recursive:frame:com.acme.Tree.walk)");
            }
            rules.add(new Rule(kind, parts[1], parts[2], source + ":" + (i + 1) + ": " + line));
        }
        return new Suppressions(List.copyOf(rules));
    }

    /** These rules and {@code more}. */
    public Suppressions plus(Suppressions more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new Suppressions(List.copyOf(all));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule that matches, as {@code FILE:LINE: RULE}; null if none does. */
    public String match(Facts facts) {
        for (Rule r : rules) {
            if (r.matches(facts)) {
                return r.origin;
            }
        }
        return null;
    }

    /** The facts of a report that rules are matched against. */
    public static Facts factsOf(Report r) {
        Set<String> classes = new LinkedHashSet<>();
        Set<String> frames = new LinkedHashSet<>();
        r.backtrace().forEach(f -> frames.add(method(f)));
        if (r instanceof CircularReport c) {
            for (ChainLink link : c.chain()) {
                classes.add(link.classKey());
                link.stack().forEach(f -> frames.add(method(f)));
                link.notes().forEach(n -> n.stack().forEach(f -> frames.add(method(f))));
            }
            addLock(c.trying(), classes, frames);
            addLock(c.holding(), classes, frames);
        } else if (r instanceof RecursiveReport rec) {
            addLock(rec.trying(), classes, frames);
            addLock(rec.holding(), classes, frames);
        } else {
            r.held().forEach(l -> addLock(l, classes, frames));
        }
        return new Facts(r.kind(), threadName(r.thread()), List.copyOf(classes), List.copyOf(frames));
    }

    /** A thread's name, from a report's {@code name/tid}: what {@code thread:} rules match. */
    public static String threadName(String label) {
        int slash = label.lastIndexOf('/');
        return slash < 0 ? label : label.substring(0, slash);
    }

    private static void addLock(LockRef l, Set<String> classes, Set<String> frames) {
        classes.add(l.classKey());
        frames.add(method(l.at()));
    }

    private static String method(Frame f) {
        return f.className() + "." + f.methodName();
    }

    /** A key and each part of it after a colon: {@code field:com.acme.A.lock} and {@code com.acme.A.lock}. */
    private static List<String> keyParts(String key) {
        List<String> parts = new ArrayList<>();
        parts.add(key);
        for (int i = key.indexOf(':'); i >= 0; i = key.indexOf(':', i + 1)) {
            parts.add(key.substring(i + 1));
        }
        return parts;
    }
}
