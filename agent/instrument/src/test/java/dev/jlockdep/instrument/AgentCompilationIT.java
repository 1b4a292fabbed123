package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the agent has its JVM compile the agent's code (see {@code AgentCompilation} and
 * {@code BootstrapBridge}): the rewriting with C1 only, except where there is no C1; the validator's cold
 * paths never inlined into its hooks; the hooks never inlined into the code they watch. The directives
 * are on the JVM's stack before the application's main method runs, and only with the agent.
 * On JDK 17 and Temurin 25.
 */
class AgentCompilationIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static String directives(Path jdk, boolean withAgent, String... jvmArgs) {
        AgentRun.Result r = AgentRun.run(jdk, withAgent, null, List.of(jvmArgs), AgentRun.TEST_CLASSPATH,
                "dev.jlockdep.it.CompilerDirectives", List.of());
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theRewritingIsLeftToC1AndColdPathsAreNotInlined(Path jdk) {
        String printed = directives(jdk, true);
        assertTrue(printed.contains("matching: dev/jlockdep/shaded/bytebuddy/jar/asm/*.*, dev/jlockdep/instrument/transform/*.*"),
                printed);
        assertTrue(printed.contains("matching: java/lang/$JLockdep.*, dev/jlockdep/*.*"), printed);
        assertTrue(printed.contains("inline: -dev/jlockdep/core/ChainValidator.*, "), printed);
        String withoutAgent = directives(jdk, false);
        assertFalse(withoutAgent.contains("dev/jlockdep"), withoutAgent);
    }

    /** A JVM without C1 keeps the rewriting for C2, which would otherwise leave it to the interpreter. */
    @ParameterizedTest
    @MethodSource("jdks")
    void withoutC1TheRewritingIsNotExcluded(Path jdk) {
        for (String noC1 : List.of("-XX:-TieredCompilation", "-XX:CompilationMode=high-only")) {
            String printed = directives(jdk, true, noC1);
            assertFalse(printed.contains("dev/jlockdep/instrument/transform"), noC1 + ":\n" + printed);
            assertTrue(printed.contains("inline: -dev/jlockdep/core/ChainValidator.*, "), noC1 + ":\n" + printed);
        }
    }

    /**
     * Only the first matching directive applies: a JVM with directives of its own (here one that keeps C2
     * off every method) gets none of the agent's, which would take the agent's classes out of it.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aJvmWithDirectivesOfItsOwnGetsNoneOfTheAgents(Path jdk, @TempDir Path dir) throws IOException {
        Path own = Files.writeString(dir.resolve("own.json"), "[{ match: \"*.*\", c2: { Exclude: true } }]");
        String printed = directives(jdk, true, "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + own);
        assertFalse(printed.contains("dev/jlockdep"), printed);
        assertTrue(printed.contains("Exclude:true"), printed);
    }

    /**
     * A hook is compiled into the code it watches only as far as its fast path: C2, made to compile the
     * watched methods at their first call, inlines the bridge's monitor hooks (a test of the fast path)
     * and refuses, at every hook site, to inline the rest of the hook; and the program runs on.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void onlyTheHooksFastPathsAreCompiledIntoTheCodeTheyWatch(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it.HotSynchronized", "-Xcomp", "-Xbatch",
                "-XX:-TieredCompilation", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=compileonly,dev.jlockdep.it.HotSynchronized::*", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+PrintInlining");
        assertTrue(r.stdout().lines().anyMatch(l -> l.equals("10000 82500 70000")), r.stdout());
        List<String> hooks = r.stdout().lines()
                .filter(l -> l.contains("java.lang.$JLockdep::monitorEnter") || l.contains("java.lang.$JLockdep::monitorExit"))
                .map(String::strip)
                .toList();
        List<String> slowHalves = hooks.stream().filter(l -> l.contains("$slow")).toList();
        assertTrue(slowHalves.size() >= 6, r.stdout()); // an entry and two exits in each of three methods
        assertTrue(slowHalves.stream().allMatch(l -> l.endsWith("don't inline by annotation")), String.join("\n", hooks));
        assertEquals(slowHalves.size(), hooks.stream().filter(l -> !l.contains("$slow") && l.endsWith("inline (hot)")).count(),
                String.join("\n", hooks));
    }

    /** A hook without a fast path is a call, never compiled into the code it watches. */
    @ParameterizedTest
    @MethodSource("jdks")
    void hooksWithoutAFastPathAreCalls(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it.WakeOne", "-Xcomp", "-Xbatch",
                "-XX:-TieredCompilation", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=compileonly,dev.jlockdep.it.WakeOne*::*", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+PrintInlining");
        List<String> waits = r.stdout().lines().filter(l -> l.contains("java.lang.$JLockdep::wait")).map(String::strip)
                .toList();
        assertFalse(waits.isEmpty(), r.stdout());
        assertTrue(waits.stream().allMatch(l -> l.endsWith("don't inline by annotation")), String.join("\n", waits));
    }
}
