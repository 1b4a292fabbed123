package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent has its JVM compile its class-file rewriting with C1 only (see {@code RewriteCompilation}):
 * the directive is on the JVM's stack before the application's main method runs, only with the agent,
 * and not where there is no C1.
 * On JDK 17 and Temurin 25.
 */
class RewriteCompilationIT {
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
    void theRewritingIsLeftToC1(Path jdk) {
        String printed = directives(jdk, true);
        assertTrue(printed.contains("dev/jlockdep/instrument/transform/*.*"), printed);
        assertTrue(printed.contains("dev/jlockdep/shaded/bytebuddy/jar/asm/*.*"), printed);
        String withoutAgent = directives(jdk, false);
        assertFalse(withoutAgent.contains("dev/jlockdep"), withoutAgent);
    }

    /** A JVM without C1 gets no directive: it would leave the rewriting to the interpreter. */
    @ParameterizedTest
    @MethodSource("jdks")
    void withoutTieredCompilationNothingIsExcluded(Path jdk) {
        String printed = directives(jdk, true, "-XX:-TieredCompilation");
        assertFalse(printed.contains("dev/jlockdep"), printed);
    }
}
