package dev.jlockdep.cli;

import com.google.gson.stream.JsonWriter;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The problems as SARIF 2.1.0, for code-scanning UIs: one result per problem, located at the first
 * application frame of its report (where the lock that closes the cycle is taken), the other frames
 * as related locations. Source paths are relative to the source root: the package path and file.
 */
final class SarifFormat {
    /** A SARIF rule: one per report kind. */
    private record Rule(String id, String name, String level) {
    }

    /** The rules, in the order of the report kinds. */
    private static final Map<ReportKind, Rule> RULES = new EnumMap<>(Map.of(
            ReportKind.CIRCULAR, new Rule("circular-locking", "possible circular locking dependency", "error"),
            ReportKind.RECURSIVE, new Rule("recursive-locking", "possible recursive locking", "error"),
            ReportKind.BAD_UNLOCK, new Rule("bad-unlock-balance", "bad unlock balance", "warning"),
            ReportKind.HELD_AT_EXIT, new Rule("lock-held-at-thread-exit", "thread ended with locks held", "warning"),
            ReportKind.WARNING, new Rule("warning", "lockdep assertion or warning", "warning"),
            ReportKind.STALL, new Rule("stall", "thread held its outermost lock past the watchdog threshold", "error"),
            ReportKind.STARVATION, new Rule("thread-starvation", "possible thread starvation deadlock", "error")));

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
            for (Rule rule : RULES.values()) {
                w.beginObject().name("id").value(rule.id()).name("shortDescription").beginObject().name("text")
                        .value(rule.name()).endObject().name("defaultConfiguration").beginObject().name("level")
                        .value(rule.level()).endObject().endObject();
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
        Rule rule = RULES.get(p.kind());
        w.beginObject().name("ruleId").value(rule.id()).name("level").value(rule.level());
        w.name("message").beginObject().name("text").value(p.summary()).endObject();
        List<LoadedDump.DumpLocation> app = p.locations().stream().filter(SourcePlaces::isApplication).toList();
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
        if (p.suppressed() != null) {
            w.name("suppressions").beginArray().beginObject().name("kind").value("external").name("justification")
                    .value(p.suppressed()).endObject().endArray();
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
        w.name("physicalLocation").beginObject().name("artifactLocation").beginObject().name("uri").value(SourcePlaces.packagePath(l))
                .name("uriBaseId").value("SRCROOT").endObject();
        if (l.line() > 0) {
            w.name("region").beginObject().name("startLine").value(l.line()).endObject();
        }
        w.endObject();
        w.name("message").beginObject().name("text").value(l.role() + " in " + l.method()).endObject();
        w.endObject();
    }
}
