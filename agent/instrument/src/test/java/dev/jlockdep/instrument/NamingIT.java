package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lock classes a developer recognises: a wrapper's lock named after the field the wrapper is kept in and
 * recorded where the wrapper is called; an object of the program's own type named by its class, whichever
 * field it is read from; a JDK collection by the field it is kept in.
 */
class NamingIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertRun(Path jdk, String program, String variant, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it." + program,
                variant == null ? List.of() : List.of(variant));
        expected.assertMatches(jdk, d.result().reports());
        assertEquals("finished\n", d.result().stdout());
        assertEquals(0, d.result().exit());
    }

    /**
     * Two lifecycles, each taking its lock then its selector's: two classes named after the fields their
     * wrappers are kept in, one order, nothing to report.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void eachWrappedLockIsNamedAfterTheFieldItsWrapperIsKeptIn(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.WrappedLocks", List.of());
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "finished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of("WrappedLocks$LifeCycle.lifeCycleLock -> WrappedLocks$Selector.selectorLock"),
                d.dependencies());
    }

    /** The other order through the wrappers: a real cycle, named and placed in the callers' code. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aCycleThroughWrappersNamesTheOwnersFieldsAndCallers(Path jdk) {
        assertRun(jdk, "WrappedLocks", "cycle", Golden.of("NamingIT/wrappedCycle"));
    }

    /**
     * A database's monitor read from two fields is one lock class, so the cycle between it and a session
     * lock is found; two Hashtables kept in two fields are two classes, nested one way: nothing more.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void anObjectOfItsOwnTypeIsNamedByItsClassAndACollectionByItsField(Path jdk) {
        assertRun(jdk, "MonitorNaming", null, Golden.of("NamingIT/monitors"));
    }

    /** Both Hashtables looked up inside each other: a real cycle between the two fields. */
    @ParameterizedTest
    @MethodSource("jdks")
    void collectionsInTwoFieldsNestedBothWaysAreACycle(Path jdk) {
        assertRun(jdk, "MonitorNaming", "cycle", Golden.of("NamingIT/collectionsCycle"));
    }

    /** A program with two locks known by where they are made, a pool and a task; {@code comments} lines above each. */
    private static String placesProgram(int comments) {
        String c = "// a comment\n".repeat(comments);
        return "import java.util.concurrent.*;\nimport java.util.concurrent.locks.ReentrantLock;\n"
                + "public class Places {\n"
                + "    static void both(ReentrantLock first, ReentrantLock second) {\n" + c
                + "        first.lock();\n        try { second.lock(); second.unlock(); } finally { first.unlock(); }\n"
                + "    }\n"
                + "    public static void main(String[] args) throws Exception {\n" + c
                + "        ReentrantLock a = new ReentrantLock();\n" + c
                + "        ReentrantLock b = new ReentrantLock();\n" + c
                + "        ExecutorService pool = Executors.newSingleThreadExecutor();\n" + c
                + "        a.lock();\n        try { pool.submit(() -> { }).get(); } finally { a.unlock(); }\n"
                + "        pool.shutdown();\n"
                + "        Thread t = new Thread(() -> both(a, b));\n        t.start();\n        t.join();\n"
                + "        both(b, a);\n        System.out.println(\"finished\");\n    }\n}\n";
    }

    /**
     * Keys name a place by its method and its rank there, never by a line: the same program with comments
     * added above every lock gives the same lock classes and problem keys (a baseline survives the edit),
     * while the splat's names still give the lines.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void keysNameAPlaceByItsMethodSoACommentAddedAboveALockKeepsThem(Path jdk) throws IOException {
        List<List<String>> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int comments : new int[] {0, 3}) {
            Path dir = Files.createTempDirectory("jlockdep-places");
            Path source = dir.resolve("Places.java");
            Files.writeString(source, placesProgram(comments));
            AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), source.toString(), List.of());
            assertEquals(List.of(0, "finished\n"), List.of(d.result().exit(), d.result().stdout()), d.result().stderr());
            List<String> run = new ArrayList<>();
            for (JsonElement c : d.dump().getAsJsonArray("classes")) {
                String key = c.getAsJsonObject().get("key").getAsString();
                if (key.contains("Places")) {
                    run.add("class " + key);
                    names.add(c.getAsJsonObject().get("name").getAsString());
                }
            }
            for (JsonElement r : d.dump().getAsJsonArray("reports")) {
                run.add("problem " + r.getAsJsonObject().get("problem").getAsString());
            }
            Collections.sort(run);
            keys.add(run);
            Files.delete(source);
            Files.delete(dir);
        }
        // made in main: a, b and the thread (instrumented, in bytecode order), then the pool and the task
        // (first seen as the program runs)
        assertEquals(List.of("class alloc:Places.main", "class alloc:Places.main#2", "class pool:Places.main#4",
                "class thread:alloc:Places.main#3", "class work:Places.main#5",
                "problem circular:[alloc:Places.main#2/0, alloc:Places.main/0]"), keys.get(0));
        assertEquals(keys.get(0), keys.get(1));
        assertEquals(List.of("Places.main:9", "Places.main:10", "(wq_completion)Places.main:11",
                "(work_completion)Places.main:13", "(thread)Places.main:15", "Places.main:15", "Places.main:19",
                "(wq_completion)Places.main:23", "(work_completion)Places.main:28", "(thread)Places.main:30"), names);
    }

    /**
     * The entries of two caches, each with its lock, kept in maps: named per cache, after the field each cache
     * is read from where it makes its first entry. A sequence entry held while the updater is taken, and the
     * updater held while a table entry is taken, close no cycle (Derby's D16).
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void theEntriesOfTwoCachesAreNamedPerCache(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.CacheEntries", List.of());
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "finished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of("CacheEntries$Entry.mutex@CacheEntries.sequences -> CacheEntries.updater",
                "CacheEntries.updater -> CacheEntries$Entry.mutex@CacheEntries.tables"), d.dependencies());
        // each entry's condition too, named after its lock's cache
        assertEquals(List.of("CacheEntries$Entry.mutex@CacheEntries.sequences",
                "(condition)CacheEntries$Entry.ready@CacheEntries.sequences", "CacheEntries$Entry.mutex@CacheEntries.tables",
                "(condition)CacheEntries$Entry.ready@CacheEntries.tables"),
                d.classNames().stream().filter(n -> n.contains("Entry")).toList());
    }

    /** The updater taking an entry of the sequence cache itself: one class, a real cycle, reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void anEntryOfTheSameCacheTakenTheOtherWayIsACycle(Path jdk) {
        assertRun(jdk, "CacheEntries", "same", Golden.of("NamingIT/sameCache"));
    }

    /**
     * A maker whose making threw is not kept reachable by the agent (its announcement never ended), though
     * the agent saw it: the refused entry's lock is named after it (by its user's method: the cache is a local).
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aMakerWhoseMakingThrewIsNotKept(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.CacheEntries", List.of("throwing"));
        assertEquals(List.of(0, "maker collected\nfinished\n"), List.of(d.result().exit(), d.result().stdout()),
                d.result().stderr());
        assertEquals(List.of("CacheEntries$Refused.mutex@CacheEntries.makerKeptAfterAFailedMaking"),
                d.classNames().stream().filter(n -> n.contains("Refused")).toList());
    }
}
