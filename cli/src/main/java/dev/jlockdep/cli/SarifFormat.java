package dev.jlockdep.cli;

import com.google.gson.stream.JsonWriter;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The problems as SARIF 2.1.0, for code-scanning UIs: one result per problem, located at the first
 * application frame of its report (where the lock that closes the cycle is taken), the other frames
 * as related locations. Source paths are relative to the source root: the package path and file.
 */
final class SarifFormat {
    /** Rule id, name and level of each report kind. */
    private static final Map<String, String[]> RULES = Map.of(
            "circular", new String[] {"circular-locking", "possible circular locking dependency", "error"},
            "recursive", new String[] {"recursive-locking", "possible recursive locking", "error"},
            "bad-unlock", new String[] {"bad-unlock-balance", "bad unlock balance", "warning"},
            "held-at-exit", new String[] {"lock-held-at-thread-exit", "thread ended with locks held", "warning"},
            "warning", new String[] {"warning", "lockdep assertion or warning", "warning"},
            "stall", new String[] {"stall", "thread held its outermost lock past the watchdog threshold", "error"});
    private static final List<String> RULE_ORDER = List.of("circular", "recursive", "bad-unlock", "held-at-exit",
            "warning", "stall");

    private SarifFormat() {
    }

    static String render(Dumps dumps, String version) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setIndent(" ");
            w.beginObject().name("version").value("2.1.0");
            w.name("runs").beginArray().beginObject();
            w.name("tool").beginObject().name("driver").beginObject().name("name").value("jlockdep")
                    .name("version").value(version);
            w.name("rules").beginArray();
            for (String kind : RULE_ORDER) {
                String[] rule = RULES.get(kind);
                w.beginObject().name("id").value(rule[0]).name("shortDescription").beginObject().name("text")
                        .value(rule[1]).endObject().name("defaultConfiguration").beginObject().name("level")
                        .value(rule[2]).endObject().endObject();
            }
            w.endArray().endObject().endObject();
            w.name("results").beginArray();
            for (Dumps.Problem p : dumps.problems.values()) {
                result(w, p);
            }
            w.endArray();
            w.endObject().endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s + "\n";
    }

    private static void result(JsonWriter w, Dumps.Problem p) throws IOException {
        String[] rule = RULES.getOrDefault(p.kind(), new String[] {p.kind(), p.kind(), "warning"});
        w.beginObject().name("ruleId").value(rule[0]).name("level").value(rule[2]);
        w.name("message").beginObject().name("text").value(p.summary()).endObject();
        List<LoadedDump.DumpLocation> app = p.locations().stream().filter(SarifFormat::isApplication).toList();
        if (!app.isEmpty()) {
            w.name("locations").beginArray();
            location(w, app.get(0), -1);
            w.endArray();
            if (app.size() > 1) {
                w.name("relatedLocations").beginArray();
                for (int i = 1; i < app.size(); i++) {
                    location(w, app.get(i), i);
                }
                w.endArray();
            }
        }
        // Stable across runs: code-scanning UIs match results by it.
        w.name("partialFingerprints").beginObject().name("jlockdepProblem/v1").value(p.key()).endObject();
        w.endObject();
    }

    private static void location(JsonWriter w, LoadedDump.DumpLocation l, int id) throws IOException {
        w.beginObject();
        if (id >= 0) {
            w.name("id").value(id);
        }
        w.name("physicalLocation").beginObject().name("artifactLocation").beginObject().name("uri").value(sourcePath(l))
                .name("uriBaseId").value("SRCROOT").endObject();
        if (l.line() > 0) {
            w.name("region").beginObject().name("startLine").value(l.line()).endObject();
        }
        w.endObject();
        w.name("message").beginObject().name("text").value(l.role() + " in " + l.method()).endObject();
        w.endObject();
    }

    /** JDK frames cannot be fixed by the user: results point at the application's code. */
    private static boolean isApplication(LoadedDump.DumpLocation l) {
        String c = l.className();
        return l.file() != null && !c.startsWith("java.") && !c.startsWith("javax.") && !c.startsWith("jdk.")
                && !c.startsWith("sun.") && !c.startsWith("com.sun.");
    }

    /** dev.acme.Outer$Inner in Outer.java: dev/acme/Outer.java. */
    private static String sourcePath(LoadedDump.DumpLocation l) {
        String c = l.className();
        int dot = c.lastIndexOf('.');
        return (dot < 0 ? "" : c.substring(0, dot).replace('.', '/') + "/") + l.file();
    }
}
