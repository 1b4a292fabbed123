package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public api: names, nesting subclasses, pseudo-locks, lock primitives and memalloc scopes.
 *
 * <p>The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs
 * of {@code dev.jlockdep.it}: each compares the reports on stderr with a golden file (see {@link Golden}),
 * and the program's own output and exit status with what it does without the agent.
 */
class ApiIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /**
     * Runs {@code program} under the agent: its reports must be the golden file's (or none, and then the
     * dump must show that the agent saw the program), its output and exit as without the agent.
     */
    private static void assertRun(Path jdk, String program, String expectedStdout, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it." + program, List.of());
        expected.assertMatches(jdk, d.result().reports());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(1);
        }
        assertEquals(expectedStdout, d.result().stdout(), "the program runs on as without the agent");
        assertEquals(0, d.result().exit(), "exit status");
    }

    /** The public api: names by annotation and by call, and a nesting subclass that silences parent/child. */
    @ParameterizedTest
    @MethodSource("jdks")
    void apiNamesAndNesting(Path jdk) {
        assertRun(jdk, "ApiAnnotations", "delayed node, then alloc\nalloc, then delayed node\n", Golden.of("ApiIT/apiNamesAndNesting"));
    }

    /** The api's pseudo-lock (lockdep_map), as fs_reclaim: its own name, wait type {0:0}, call-site frames. */
    @ParameterizedTest
    @MethodSource("jdks")
    void pseudoLocksAreLocksToTheValidator(Path jdk) {
        assertRun(jdk, "PseudoLocks", "finished\n", Golden.of("ApiIT/pseudoLocksAreLocksToTheValidator"));
    }

    /**
     * A @LockPrimitive wrapper records its locks, and its failed assertion, at its caller (through a
     * wrapper of the wrapper); @MemallocScope methods set their bits for their body only, thrown out of
     * or synchronized.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void lockPrimitivesAreRecordedAtTheirCallerAndScopesEndWithTheirMethod(Path jdk) {
        assertRun(jdk, "Wrappers", "scope: 2, after: 0\nthrown out of a scope: 0\nfinished\n", Golden.of("ApiIT/lockPrimitivesAreRecordedAtTheirCallerAndScopesEndWithTheirMethod"));
    }
}
