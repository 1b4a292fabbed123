package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of real libraries from Maven Central (Guava and H2 here; with -Plibraries also Jetty,
 * Groovy, Log4j and Jackson) loads and links under the agent, which instruments them all, with the
 * JVM verifying every class (-Xverify:all), as it does without the agent: no VerifyError, no
 * ClassFormatError, the same classes failing for the same reasons (optional dependencies that are
 * absent) and the same totals. Classes the agent leaves alone say so in one line each.
 */
class LibrariesIT {

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void everyClassLoadsAndVerifiesUnderTheAgentAsWithoutIt(Path jdk) {
        String classpath = System.getProperty("jlockdep.libraries");
        List<String> jars = Arrays.asList(classpath.split(File.pathSeparator));
        assertTrue(jars.stream().anyMatch(j -> j.contains("guava")) && jars.stream().anyMatch(j -> j.contains("h2")),
                "the libraries: " + jars);
        List<String> verifyAll = List.of("-Xverify:all", "-Xshare:off");
        AgentRun.Result without = AgentRun.run(jdk, false, null, verifyAll, classpath, "dev.jlockdep.it.LoadAll", jars);
        AgentRun.Result with = AgentRun.run(jdk, true, null, verifyAll, classpath, "dev.jlockdep.it.LoadAll", jars);
        assertEquals(0, without.exit(), without.stderr());
        assertEquals(0, with.exit(), with.stderr());
        assertFalse(with.stdout().contains("VerifyError") || with.stdout().contains("ClassFormatError"), with.stdout());
        assertEquals(without.stdout(), with.stdout(), "the same classes load, fail and count the same");
        List<String> skipped = with.stderr().lines().filter(l -> l.startsWith("jlockdep: not instrumenting ")).toList();
        List<String> other = with.stderr().lines().filter(l -> !l.startsWith("jlockdep: not instrumenting ")
                && !l.contains("warning: Options -Xverify:none")).toList();
        assertEquals(List.of(), other, "nothing else on stderr");
        String totals = with.stdout().lines().reduce((a, b) -> b).orElseThrow();
        System.out.println(jdk.getFileName() + ": " + totals + ", left uninstrumented " + skipped.size() + " "
                + skipped + " in " + jars.size() + " jars");
    }
}
