package dev.jlockdep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.ReportKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent writes at exit is what the CLI reads back: classes, dependencies, reports and counts. */
class JsonDumpRoundTripTest {
    @TempDir
    Path dir;

    private static void nest(Validator v, Object outer, Object inner) {
        v.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(inner, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(inner, 0, LockMode.EXCLUSIVE);
        v.release(outer, 0, LockMode.EXCLUSIVE);
    }

    @Test
    void aDumpReadsBackAsItWasWritten() throws Exception {
        List<Report> reports = new ArrayList<>();
        Validator v = new Validator(new Validator.Config(false, 8, "test 1.0", "1.0", false), new SiteRegistry(),
                LockObjects.MONITORS, reports::add);
        Object a = new Object();
        Object b = new Object();
        v.name(a, "name:A", "A", WaitType.SLEEP);
        v.name(b, "name:B", "B", WaitType.SLEEP);
        nest(v, a, b);
        nest(v, b, a);
        v.classInstrumented();
        GraphSnapshot written = v.snapshot();
        Path file = dir.resolve("dump.json");
        JsonDump.write(written, file);

        LoadedDump read = DumpReader.read(file);
        assertEquals("test 1.0", read.jvm());
        assertEquals("1.0", read.agent());
        assertEquals(written.chains(), read.chains());
        assertEquals(written.chainsEvicted(), read.chainsEvicted());
        assertEquals(written.heldBack(), read.heldBack());
        assertEquals(written.instances(), read.instances());
        assertEquals(written.maxDepth(), read.maxDepth());
        assertEquals(1, read.classesInstrumented());
        assertEquals(written.classes().stream().map(c -> c.id() + " " + c.key() + " " + c.bareName()).toList(),
                read.classes().stream().map(c -> c.id() + " " + c.key() + " " + c.bareName()).toList());
        assertEquals(written.dependencies().stream().map(d -> d.from() + ">" + d.to() + " " + d.kinds()).toList(),
                read.dependencies().stream().map(d -> d.from() + ">" + d.to() + " " + d.kinds()).toList());
        assertTrue(read.dependencies().stream().allMatch(d -> d.kinds() == DependencyKind.EN));
        assertEquals(1, read.reports().size());
        LoadedDump.DumpReport r = read.reports().get(0);
        assertEquals(ReportKind.CIRCULAR, r.kind());
        assertEquals("circular:[name:A/0, name:B/0]", r.problem());
        assertEquals(List.of("name:B", "name:A"), r.chain()); // #1, the held lock, down to #0, the new one
        assertTrue(r.confirmed());
        assertEquals(TextSplat.render(reports.get(0)), r.text());
    }
}
