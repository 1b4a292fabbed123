package dev.jlockdep.report;

import com.google.gson.stream.JsonWriter;
import dev.jlockdep.core.Suppressions;
import dev.jlockdep.core.model.BadUnlockReport;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.StarvationReport;
import dev.jlockdep.core.model.Triage;
import dev.jlockdep.core.model.WarningReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dump: a {@link GraphSnapshot} as versioned JSON. Written to a temporary file beside the target
 * and moved into place, so a reader never sees half a dump. Version 2 keeps each distinct frame once,
 * in {@code frames}, and each distinct stack once, in {@code stacks}, as the indexes of its frames; a
 * dependency names its stack by index (version 1 repeated the stack in every dependency: gigabytes
 * for a million of them). Compact, without indentation, for the same reason.
 */
public final class JsonDump {
    public static final String SCHEMA = "jlockdep-dump";
    public static final int VERSION = 2;

    private JsonDump() {
    }

    public static void write(GraphSnapshot snapshot, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(snapshot, w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(GraphSnapshot s, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.name("schema").value(SCHEMA);
        w.name("version").value(VERSION);
        w.name("jvm").value(s.jvm());
        w.name("agent").value(s.agentVersion());
        w.name("stats").beginObject()
                .name("classes").value(s.classes().size())
                .name("dependencies").value(s.dependencies().size())
                .name("chains").value(s.chains())
                .name("chainsEvicted").value(s.chainsEvicted())
                .name("heldBack").value(s.heldBack())
                .name("instances").value(s.instances())
                .name("maxDepth").value(s.maxDepth())
                .name("reports").value(s.reports().size())
                .name("classesInstrumented").value(s.classesInstrumented())
                .name("validating").value(s.validating())
                .endObject();
        w.name("classes").beginArray();
        for (GraphSnapshot.ClassInfo c : s.classes()) {
            w.beginObject().name("id").value(c.id()).name("key").value(c.key()).name("name").value(c.name())
                    .name("subclass").value(c.subclass()).name("nameVersion").value(c.nameVersion())
                    .name("bareName").value(c.bareName()).name("usage").value(c.usage())
                    .name("waitType").value(c.waitType()).endObject();
        }
        w.endArray();
        // Each distinct frame once, each distinct stack once as the indexes of its frames.
        Map<List<Frame>, Integer> stackIndex = new HashMap<>();
        Map<Frame, Integer> frameIndex = new HashMap<>();
        for (GraphSnapshot.DependencyInfo d : s.dependencies()) {
            if (stackIndex.putIfAbsent(d.firstStack(), stackIndex.size()) == null) {
                d.firstStack().forEach(f -> frameIndex.putIfAbsent(f, frameIndex.size()));
            }
        }
        Frame[] frames = new Frame[frameIndex.size()];
        frameIndex.forEach((f, i) -> frames[i] = f);
        w.name("frames");
        frames(w, Arrays.asList(frames));
        List<?>[] stacks = new List<?>[stackIndex.size()];
        stackIndex.forEach((stack, i) -> stacks[i] = stack);
        w.name("stacks").beginArray();
        for (List<?> stack : stacks) {
            w.beginArray();
            for (Object f : stack) {
                w.value(frameIndex.get(f));
            }
            w.endArray();
        }
        w.endArray();
        w.name("dependencies").beginArray();
        for (GraphSnapshot.DependencyInfo d : s.dependencies()) {
            w.beginObject().name("from").value(d.from()).name("to").value(d.to());
            w.name("kinds").beginArray();
            for (String k : DependencyKind.names(d.kinds())) {
                w.value(k);
            }
            w.endArray();
            w.name("thread").value(d.firstThread());
            w.name("stack").value(stackIndex.get(d.firstStack()));
            w.name("instances").beginArray();
            long[] pairs = d.instancePairs();
            for (int i = 0; i < pairs.length; i += 2) {
                w.beginArray().value(pairs[i]).value(pairs[i + 1]).endArray();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.name("reports").beginArray();
        for (Report r : s.reports()) {
            w.beginObject().name("kind").value(r.kind().dumpName()).name("problem").value(r.problemKey())
                    .name("thread").value(r.thread());
            if (r instanceof CircularReport c) {
                w.name("chain").beginArray();
                for (ChainLink link : c.chain()) {
                    w.value(link.classKey());
                }
                w.endArray();
                w.name("confirmed").value(c.confirmed());
            }
            Triage triage = s.triageOf(r);
            w.name("triage").beginObject().name("verdict").value(triage.verdict().dumpName()).name("why")
                    .value(triage.why()).endObject();
            String suppressed = s.suppressed().get(r.problemKey());
            if (suppressed != null) {
                w.name("suppressed").value(suppressed);
            }
            String test = s.seenInTest().get(r.problemKey());
            if (test != null) {
                w.name("test").value(test);
            }
            Suppressions.Facts facts = Suppressions.factsOf(r);
            w.name("facts").beginObject().name("classes").beginArray();
            for (String k : facts.classKeys()) {
                w.value(k);
            }
            w.endArray().name("frames").beginArray();
            for (String f : facts.frames()) {
                w.value(f);
            }
            w.endArray().endObject();
            w.name("locations").beginArray();
            for (Located l : locations(r)) {
                w.beginObject().name("role").value(l.role()).name("class").value(l.frame().className())
                        .name("method").value(l.frame().methodName()).name("file").value(l.frame().fileName())
                        .name("line").value(l.frame().line()).endObject();
            }
            w.endArray();
            w.name("text").value(TextSplat.render(r));
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.flush();
    }

    /** A source position that matters to a report, and why. */
    record Located(String role, Frame frame) {
    }

    /** The positions a reader (or a code-scanning UI) needs: where each lock of the report was taken. */
    static List<Located> locations(Report r) {
        List<Located> out = new ArrayList<>();
        if (r instanceof CircularReport c && c.signalling()) {
            out.add(new Located("signalling " + c.holding().bareName(), c.holding().at()));
            out.add(new Located("after taking " + c.trying().bareName(), c.trying().at()));
        } else if (r instanceof CircularReport c) {
            out.add(new Located(LoadedDump.DumpLocation.ACQUIRING + c.trying().bareName(), c.trying().at()));
            out.add(new Located(LoadedDump.DumpLocation.HOLDING + c.holding().bareName(), c.holding().at()));
        }
        if (r instanceof CircularReport c) {
            for (ChainLink link : c.chain()) {
                if (link.depth() > 0 && !link.stack().isEmpty()) {
                    out.add(new Located(LoadedDump.DumpLocation.DEPENDENCY + link.depth(), link.stack().get(0)));
                }
            }
        } else if (r instanceof RecursiveReport rec) {
            out.add(new Located(LoadedDump.DumpLocation.ACQUIRING + rec.trying().bareName(), rec.trying().at()));
            out.add(new Located(LoadedDump.DumpLocation.HOLDING + rec.holding().bareName(), rec.holding().at()));
        } else if (r instanceof BadUnlockReport bad) {
            out.add(new Located("releasing " + bad.lockName(), bad.at()));
        } else if (r instanceof WarningReport w) {
            out.add(new Located("warning", w.at()));
        } else if (r instanceof StarvationReport s) {
            out.add(new Located("waiting for " + s.waitedOn(), s.at()));
        } else {
            for (LockRef held : r.held()) {
                out.add(new Located(LoadedDump.DumpLocation.HOLDING + held.bareName(), held.at()));
            }
        }
        return out;
    }

    private static void frames(JsonWriter w, List<Frame> frames) throws IOException {
        w.beginArray();
        for (Frame f : frames) {
            w.beginObject().name("class").value(f.className()).name("method").value(f.methodName())
                    .name("file").value(f.fileName()).name("line").value(f.line()).endObject();
        }
        w.endArray();
    }
}
