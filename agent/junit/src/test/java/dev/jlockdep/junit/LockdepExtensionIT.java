package dev.jlockdep.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The extension in a real test run: JUnit's console launcher in a forked JVM, under the agent or not. */
class LockdepExtensionIT {

    record Launched(int exit, String output) {
    }

    /** The console launcher on one sample class, with JUnit configuration parameters ({@code key=value}). */
    private static Launched launch(boolean withAgent, String sample, String... config) throws Exception {
        String classpath = System.getProperty("java.class.path");
        String launcher = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(p -> p.contains("junit-platform-console-standalone")).findFirst().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (withAgent) {
            cmd.add("-javaagent:" + System.getProperty("jlockdep.agent.jar"));
        }
        cmd.addAll(List.of("-jar", launcher, "execute", "--class-path", classpath, "--select-class",
                "dev.jlockdep.junitsamples." + sample, "--disable-banner", "--details=flat", "--disable-ansi-colors"));
        for (String c : config) {
            cmd.addAll(List.of("--config", c));
        }
        Path out = Files.createTempFile("junit-run", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            return new Launched(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
        }
    }

    @Test
    void theTestThatClosesACycleFailsWithTheReportAndTheOthersPass() throws Exception {
        Launched run = launch(true, "OrderSample");
        String output = run.output();
        assertEquals(1, run.exit(), output);
        assertTrue(output.contains("[         2 tests successful      ]"), output);
        assertTrue(output.contains("[         1 tests failed          ]"), output);
        // The failure, right after the test that closed the cycle, carries the splat.
        String failure = output.substring(output.indexOf("Finished:    ledgerThenAccounts()"),
                output.indexOf("Finished:    unrelated()"));
        assertTrue(failure.contains("=> Exception: java.lang.AssertionError: jlockdep: 1 new report while this test ran:"),
                failure);
        assertTrue(failure.contains("WARNING: possible circular locking dependency detected"), failure);
        assertTrue(failure.contains("  lock(UnannotatedSample.accounts);"), failure);
        assertTrue(!output.substring(output.indexOf("Finished:    unrelated()")).contains("=> Exception"),
                "the test after it passes");
    }

    @Test
    void withoutAnnotationsAutoDetectionBringsTheExtension() throws Exception {
        Launched detected = launch(true, "UnannotatedSample", "junit.jupiter.extensions.autodetection.enabled=true",
                LockdepExtension.REQUIRED + "=true");
        assertEquals(1, detected.exit(), detected.output());
        assertTrue(detected.output().contains("[         1 tests successful      ]"), detected.output());
        assertTrue(detected.output().contains("[         1 tests failed          ]"), detected.output());
        assertTrue(detected.output().contains("=> Exception: java.lang.AssertionError: jlockdep: 1 new report while"
                + " this test ran:"), detected.output());

        Launched notDetected = launch(true, "UnannotatedSample");
        assertEquals(0, notDetected.exit(), "the same run without auto-detection: " + notDetected.output());
        assertTrue(notDetected.output().contains("WARNING: possible circular locking dependency detected"),
                "the agent still reports: " + notDetected.output());
    }

    @Test
    void aRequiredAgentThatIsMissingFailsTheRunAndAnOptionalOneDoesNot() throws Exception {
        Launched missing = launch(false, "OrderSample", LockdepExtension.REQUIRED + "=true");
        assertEquals(1, missing.exit(), missing.output());
        assertTrue(missing.output().contains("ExtensionConfigurationException: jlockdep.required=true, but the jlockdep"
                + " agent does not run in this JVM: start it with -javaagent:jlockdep-agent.jar (a missing agent would"
                + " pass every test)"), missing.output());
        assertTrue(missing.output().contains("[         0 tests successful      ]"), missing.output());

        Launched optional = launch(false, "OrderSample");
        assertEquals(0, optional.exit(), optional.output());
        assertFalse(optional.output().contains("jlockdep:"), optional.output());
        assertTrue(optional.output().contains("[         3 tests successful      ]"), optional.output());
    }
}
