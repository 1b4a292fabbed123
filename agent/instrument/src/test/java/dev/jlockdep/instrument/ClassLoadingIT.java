package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM's class-loading locks are locks (it/ClassLoading): a plugin loader that takes the registry's
 * lock while it defines a class, and a thread holding that lock while a class is loaded through the
 * loader, explicitly or by the JVM, report the cycle from a run that does not hang; a parallel-capable
 * loader's lock for each name likewise, its nesting by the class hierarchy not reported; the same
 * program without the registry held while loading is silent. On JDK 17 and Temurin 25.
 */
class ClassLoadingIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertReported(Path jdk, String variant, String golden) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.ClassLoading", List.of(variant));
        Golden.of("ClassLoadingIT/" + golden).assertMatches(jdk, r.reports());
        assertEquals(List.of(0, "finished\n"), List.of(r.exit(), r.stdout()));
    }

    /** The registry's holder calls the loader's loadClass: the loader's monitor, taken by ClassLoader.loadClass. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aClassLoadedUnderALockTheLoaderTakesIsACycle(Path jdk) {
        assertReported(jdk, "explicit", "explicit");
    }

    /** The registry's holder runs plugin code that needs a class not loaded yet: the JVM loads it. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aClassTheJvmLoadsUnderALockTheLoaderTakesIsACycle(Path jdk) {
        assertReported(jdk, "implicit", "implicit");
    }

    /** A parallel-capable loader: its lock for each name, at class level; a superclass loaded inside is no report. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aParallelCapableLoadersLocksAreLocksToo(Path jdk) {
        assertReported(jdk, "parallel", "parallel");
    }

    /** Its correct twin: the registry is not held while a class loads. Silent, the loader's lock seen. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aClassLoadedOutsideTheLockIsNoCycle(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.ClassLoading", List.of("apart"));
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "finished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of("dev.jlockdep.it.ClassLoading$PluginLoader -> ClassLoading.REGISTRY"), d.dependencies());
    }

    /**
     * The rewritten {@code ClassLoader.loadClass} stays compilable by C1: its hook on the way out of the
     * class-loading lock by an exception is no call in javac's handler that covers itself (C1 skipped the
     * method for that, and left it interpreted until C2 came to it). Forced to compile at each first call.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void theRewrittenLoadClassStaysCompilable(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of("-Xcomp", "-Xbatch", "-XX:TieredStopAtLevel=1",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=compileonly,java.lang.ClassLoader::loadClass",
                "-XX:+PrintCompilation"), "dev.jlockdep.it.ClassLoading", List.of("parallel"));
        assertEquals(0, r.exit(), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.equals("finished")), r.stdout());
        Golden.of("ClassLoadingIT/parallel").assertMatches(jdk, r.reports()); // the report, as without the JIT forced
        // loadClass(String, boolean), the one with the lock and its handlers ('!'), compiled
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(".* !b +1 +java\\.lang\\.ClassLoader::loadClass \\(\\d+ bytes\\)$")),
                r.stdout());
        assertTrue(r.stdout().lines().noneMatch(l -> l.contains("ClassLoader::loadClass") && l.contains("SKIPPED")),
                r.stdout());
    }
}
