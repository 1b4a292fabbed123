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
        String held = " #0: 0000000000000002 (MainHoldsMonitor.CONFIG){+.+.}-{3:3}, at: dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:27)";
        assertEquals(List.of("", "INFO: task main/TID blocked for more than 1 seconds.",
                "      JVM jlockdep VERSION Not tainted", "task:main/TID state:TIMED_WAITING",
                "it has held this lock all that time:", held, "Call Trace:"), lines.subList(0, 7));
        int all = lines.indexOf("Showing all locks held in the system:");
        assertTrue(
                lines.subList(7, all).contains(" dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:29)"), lines.toString());
        assertEquals(List.of("1 lock held by main/TID:", held, "", "=============================================", ""),
                lines.subList(all + 1, lines.size()));
    }

    /** The lines of the report that begins with {@code first} in {@code reports}, up to its last line starting with {@code last}. */
    private static List<String> report(String reports, String first, String last) {
        List<String> lines = reports.lines().toList();
        int from = lines.indexOf(first);
        assertTrue(from >= 0, reports);
        int to = from;
        while (!lines.get(to).startsWith(last)) {
            to++;
        }
        return lines.subList(from, to + 1);
    }

    /**
     * A notify() sent when nobody waited, then a wait outside a loop that lasts: a lost wake-up, warned of
     * with the waiter's stack and the lost notify's; the same with a condition's signal().
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyLostBeforeAWaitOutsideALoopIsWarnedOf(Path jdk) {
        AgentRun.Result r = AgentRun.runUntilReported(jdk, "watchdog=1", "dev.jlockdep.it.LostWakeUp", List.of("lost"),
                "WARNING: consumer/", "---[ end trace ]---", 300);
        assertEquals(List.of("WARNING: consumer/TID at dev.jlockdep.it.LostWakeUp.takeOnce(LostWakeUp.java:29)",
                "a wait for (notify)LostWakeUp.box outside a loop that re-checks its condition has lasted 1 seconds or"
                        + " more: the last notify came before it began, when no thread waited, and was lost; it was sent"
                        + " by producer/TID at:",
                "    dev.jlockdep.it.LostWakeUp.put(LostWakeUp.java:23)",
                "    dev.jlockdep.it.LostWakeUp.lambda$start$0(LostWakeUp.java:70)",
                "    java.lang.Thread.run(Thread.java)",
                "JVM jlockdep VERSION Not tainted",
                "no locks held by consumer/TID.",
                "Call Trace:",
                " dev.jlockdep.it.LostWakeUp.takeOnce(LostWakeUp.java:29)",
                " dev.jlockdep.it.LostWakeUp.lambda$start$0(LostWakeUp.java:70)",
                " java.lang.Thread.run(Thread.java)",
                "---[ end trace ]---"), report(r.reports(), r.reports().lines()
                .filter(l -> l.startsWith("WARNING:")).findFirst().orElseThrow(), "---[ end trace ]---"));
        AgentRun.Result signal = AgentRun.runUntilReported(jdk, "watchdog=1", "dev.jlockdep.it.LostWakeUp",
                List.of("lost-signal"), "WARNING: consumer/", "---[ end trace ]---", 300);
        assertEquals(List.of("WARNING: consumer/TID at dev.jlockdep.it.LostWakeUp.signalTakeOnce(LostWakeUp.java:56)",
                "a wait for (condition)LostWakeUp.filledUp outside a loop that re-checks its condition has lasted 1"
                        + " seconds or more: the last signal came before it began, when no thread waited, and was lost; it"
                        + " was sent by producer/TID at:",
                "    dev.jlockdep.it.LostWakeUp.signalPut(LostWakeUp.java:47)",
                "    dev.jlockdep.it.LostWakeUp.lambda$start$0(LostWakeUp.java:70)",
                "    java.lang.Thread.run(Thread.java)",
                "JVM jlockdep VERSION Not tainted",
                "no locks held by consumer/TID.",
                "Call Trace:",
                " dev.jlockdep.it.LostWakeUp.signalTakeOnce(LostWakeUp.java:56)",
                " dev.jlockdep.it.LostWakeUp.lambda$start$0(LostWakeUp.java:70)",
                " java.lang.Thread.run(Thread.java)",
                "---[ end trace ]---"), report(signal.reports(), signal.reports().lines()
                .filter(l -> l.startsWith("WARNING:")).findFirst().orElseThrow(), "---[ end trace ]---"));
    }

    /**
     * Its twin: a wait in a loop that re-checks the box, idle for good after the notify it missed, is no
     * lost wake-up. The main thread keeps a lock past the threshold meanwhile: its stall report, which
     * comes after the consumer's wait was looked at, says who waits for whom.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aWaitInALoopIsNoLostWakeUp(Path jdk) {
        AgentRun.Result r = AgentRun.runUntilReported(jdk, "watchdog=1", "dev.jlockdep.it.LostWakeUp", List.of("loop"),
                "INFO: task main/", "=============", 300);
        assertTrue(r.reports().lines().noneMatch(l -> l.startsWith("WARNING")), r.reports());
        List<String> stall = report(r.reports(), "INFO: task main/TID blocked for more than 1 seconds.", "=====");
        int waits = stall.indexOf("Showing the threads that wait, and for whom:");
        assertEquals(List.of(" main/TID waits for (thread)LostWakeUp.start:68 at dev.jlockdep.it.LostWakeUp.main"
                        + "(LostWakeUp.java:105), the end of consumer/TID",
                " consumer/TID waits for (notify)LostWakeUp.box at dev.jlockdep.it.LostWakeUp.takeInLoop(LostWakeUp.java:37),"
                        + " last signalled by producer/TID", ""), stall.subList(waits + 1, waits + 4));
    }

    /** Its twin: the notify comes once the consumer waits; it wakes, and nothing is said. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyAfterTheWaitBeganIsNotLost(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, "watchdog=1", List.of(), "dev.jlockdep.it.LostWakeUp", List.of("after"));
        assertEquals(List.of(0, "finished\n", ""), List.of(d.result().exit(), d.result().stdout(), d.result().reports()));
        d.assertSeen(2);
    }

    /**
     * Threads that wait for one another holding nothing (the main thread joins a worker that waits for the
     * main thread's latch): a hang the lock stalls never tell of, reported with who waits for whom.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void threadsWaitingForOneAnotherAreAHang(Path jdk) {
        AgentRun.Result r = AgentRun.runUntilReported(jdk, "watchdog=1", "dev.jlockdep.it.Hang", List.of("events"),
                "INFO: task ", "=============", 300);
        List<String> hang = report(r.reports(), "INFO: task main/TID blocked for more than 1 seconds.", "=====");
        assertEquals(List.of("INFO: task main/TID blocked for more than 1 seconds.", "      JVM jlockdep VERSION Not tainted",
                "task:main/TID state:WAITING", "it holds no locks", "Call Trace:"), hang.subList(0, 5));
        int waits = hang.indexOf("Showing the threads that wait, and for whom:");
        assertEquals(List.of(" main/TID waits for (thread)Hang.main:23 at dev.jlockdep.it.Hang.main(Hang.java:32), the end"
                        + " of worker/TID",
                " worker/TID waits for (latch)Hang.go at dev.jlockdep.it.Hang.lambda$main$0(Hang.java:25), last signalled"
                        + " by main/TID",
                "", "Showing all locks held in the system:", "", "============================================="),
                hang.subList(waits + 1, hang.size()));
    }

    /** A thread waiting for a latch while it keeps the lock its signaller is blocked taking: its stall says so. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aStallSaysWhoWaitsForWhom(Path jdk) {
        AgentRun.Result r = AgentRun.runUntilReported(jdk, "watchdog=1", "dev.jlockdep.it.Hang", List.of("lock"),
                "INFO: task main/", "=============", 300);
        List<String> stall = report(r.reports(), "INFO: task main/TID blocked for more than 1 seconds.", "=====");
        int waits = stall.indexOf("Showing the threads that wait, and for whom:");
        assertEquals(List.of(" main/TID waits for (latch)Hang.done at dev.jlockdep.it.Hang.main(Hang.java:47), last"
                        + " signalled by helper/TID",
                " helper/TID is blocked taking Hang.LOCK at dev.jlockdep.it.Hang.lambda$main$1(Hang.java:40), held by"
                        + " main/TID", ""), stall.subList(waits + 1, waits + 4));
    }
}
