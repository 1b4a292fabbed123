package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The watchdog: the kernel's hung-task detector, with every thread's held locks.
 *
 * <p>The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs
 * of {@code dev.jlockdep.it}. The stall report's call trace holds the JDK's own frames of a sleep, which
 * differ between JDKs: its head and its list of held locks are compared line by line.
 */
class WatchdogIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** The watchdog reports the main thread too (its held-lock stack exists before the watchdog starts). */
    @ParameterizedTest
    @MethodSource("jdks")
    void theWatchdogReportsAThreadKeepingItsLock(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "watchdog=1", "dev.jlockdep.it.MainHoldsMonitor");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("finished\n", r.stdout());
        List<String> lines = r.reports().lines().toList();
        String held = " #0: 0000000000000001 (MainHoldsMonitor.CONFIG){+.+.}-{3:3}, at: dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:27)";
        assertEquals(List.of("", "INFO: task main/TID blocked for more than 1 seconds.",
                "      JVM jlockdep VERSION Not tainted", "task:main/TID state:TIMED_WAITING",
                "it has held this lock all that time:", held, "Call Trace:"), lines.subList(0, 7));
        int all = lines.indexOf("Showing all locks held in the system:");
        assertTrue(
                lines.subList(7, all).contains(" dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:29)"), lines.toString());
        assertEquals(List.of("1 lock held by main/TID:", held, "", "=============================================", ""),
                lines.subList(all + 1, lines.size()));
    }
}
