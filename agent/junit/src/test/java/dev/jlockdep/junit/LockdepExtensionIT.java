package dev.jlockdep.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The extension in a real test run: JUnit's console launcher in a forked JVM under the agent. */
class LockdepExtensionIT {

    @Test
    void theTestThatClosesACycleFailsWithTheReportAndTheOthersPass() throws Exception {
        String classpath = System.getProperty("java.class.path");
        String launcher = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(p -> p.contains("junit-platform-console-standalone")).findFirst().orElseThrow();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + System.getProperty("jlockdep.agent.jar"), "-jar", launcher, "execute",
                "--class-path", classpath, "--select-class", "dev.jlockdep.junitsamples.OrderSample",
                "--disable-banner", "--details=flat", "--disable-ansi-colors");
        Path out = Files.createTempFile("junit-run", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("[         2 tests successful      ]"), output);
        assertTrue(output.contains("[         1 tests failed          ]"), output);
        // The failure, right after the test that closed the cycle, carries the splat.
        String failure = output.substring(output.indexOf("Finished:    ledgerThenAccounts()"),
                output.indexOf("Finished:    unrelated()"));
        assertTrue(failure.contains("=> Exception: java.lang.AssertionError: jlockdep: 1 new report while this test ran:"),
                failure);
        assertTrue(failure.contains("WARNING: possible circular locking dependency detected"), failure);
        assertTrue(failure.contains("  lock(OrderSample.accounts);"), failure);
        assertTrue(!output.substring(output.indexOf("Finished:    unrelated()")).contains("=> Exception"),
                "the test after it passes");
    }
}
