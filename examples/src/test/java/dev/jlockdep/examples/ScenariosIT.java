package dev.jlockdep.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel scenario, buggy and fixed, in a forked JVM under the built agent on both JDKs: the
 * reports must be exactly the expected ones (golden files in {@code expected/}, see {@link Golden}), and
 * the fixed variants must print none, from a run the agent saw (its dump's counts).
 */
class ScenariosIT {
    private static final String PACKAGE = "dev.jlockdep.examples.scenarios.";

    static List<Path> jdks() {
        return AgentRun.jdks().toList();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void percpuBtrfsBuggyPrintsSeed002sChainThroughFsReclaim(Path jdk) {
        assertReports(jdk, "PercpuBtrfs", List.of(), "percpu-btrfs");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void percpuBtrfsFixedIsSilent(Path jdk) {
        assertSilent(jdk, "PercpuBtrfs", "percpu-btrfs (fixed): every path ran once");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void seqlockPidBuggyPrintsSeed003sCycleAtClassLevelOnly(Path jdk) {
        assertReports(jdk, "SeqlockPid", List.of(), "seqlock-pid");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void seqlockPidFixedIsSilent(Path jdk) {
        assertSilent(jdk, "SeqlockPid", "seqlock-pid (fixed): a task exited and another forked");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void seqlockPidWithoutTheReaderAnnotationIsSilent(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), PACKAGE + "SeqlockPid", List.of("--no-reader-annotation"));
        d.assertSeen(3);
        AgentRun.Result r = d.result();
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals("seqlock-pid (no-reader-annotation): a task exited and another forked\n", r.stdout());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aScenarioRefusesAnUnknownArgumentInOneLine(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), PACKAGE + "SeqlockPid", List.of("--fixd"));
        assertEquals(2, r.exit());
        assertEquals("seqlock-pid: unknown arguments '--fixd' (usage: seqlock-pid [--fixed | --no-reader-annotation])\n",
                r.stderr());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void mdKernfsNotifyBuggyWarnsOfTheFlushDependencyAndPrintsTheCycle(Path jdk) {
        assertReports(jdk, "MdKernfsNotify", List.of(), "md-kernfs-notify");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void mdKernfsNotifyPatchedLosesTheWarningButKeepsTheSupersRwsemCycle(Path jdk) {
        assertReports(jdk, "MdKernfsNotify", List.of("--fixed"), "md-kernfs-notify-fixed");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void kernfsAddLookupBuggyCachesANegativeDentryAndPrintsNoReport(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), PACKAGE + "KernfsAddLookup", List.of());
        d.assertSeen(3);
        AgentRun.Result r = d.result();
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals("""
                kernfs-add-lookup: readdir /sys/module: nbd
                kernfs-add-lookup: ls /sys/module/nbd: No such file or directory (a negative dentry was cached for a node that is active now)
                kernfs-add-lookup (buggy): nbd was added while ls looked it up
                """, r.stdout());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void kernfsAddLookupFixedFindsTheNodeSilently(Path jdk) {
        AgentRun.Result r = assertSilent(jdk, "KernfsAddLookup", "kernfs-add-lookup (fixed): nbd was added while ls looked it up");
        assertTrue(r.stdout().contains("kernfs-add-lookup: ls /sys/module/nbd: found\n"), r.stdout());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void kernfsAddLookupAssertionReportsACallerWithoutTheLock(Path jdk) {
        assertReports(jdk, "KernfsAddLookup", List.of("--unlocked-caller"), "kernfs-add-lookup-unlocked-caller");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void kernfsNotifyLlistBuggyWarnsOnTheRefcountAndTheWatchdogReportsTheStuckWorker(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "watchdog=1", List.of(), PACKAGE + "KernfsNotifyLlist", List.of());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("kernfs-notify-llist (buggy): kernfs_notify_workfn still runs after 4s: the system would be hung\n",
                r.stdout());
        String reports = AgentRun.canonicalInstances(r.reports());
        int endOfWarning = reports.indexOf("---[ end trace ]---\n") + "---[ end trace ]---\n".length();
        Golden.of("kernfs-notify-llist-warning").assertMatches(jdk, reports.substring(0, endOfWarning));

        // The watchdog samples a running thread: the locks it holds inside the loop vary, its outermost do not.
        List<String> stall = reports.substring(endOfWarning).lines().toList();
        String events = "((wq_completion)events){+.+.}-{0:0}, at: dev.jlockdep.examples.kernel.Workqueue.process_one_work(Workqueue.java:167)";
        String work = "((work_completion)(kernfs_notify_work)){+.+.}-{0:0}, at: dev.jlockdep.examples.kernel.Workqueue.process_one_work(Workqueue.java:168)";
        assertEquals(List.of("", "watchdog: BUG: soft lockup - kworker/0:1/TID stuck for 1s!",
                "      JVM jlockdep VERSION Tainted: W", "task:kworker/0:1/TID state:RUNNABLE",
                "it has held this lock all that time:"), stall.subList(0, 5));
        assertTrue(stall.get(5).matches(" #0: <lock\\d+> " + Pattern.quote(events)), stall.get(5));
        assertEquals("Call Trace:", stall.get(6));
        int all = stall.indexOf("Showing all locks held in the system:");
        assertTrue(stall.subList(7, all).stream().anyMatch(l -> l.startsWith(
                " dev.jlockdep.examples.kernfs.KernfsNotify.kernfs_notify_workfn(KernfsNotify.java:")), stall.toString());
        assertTrue(stall.get(all + 1).matches("[234] locks held by kworker/0:1/TID:"), stall.get(all + 1));
        assertTrue(stall.get(all + 2).matches(" #0: <lock\\d+> " + Pattern.quote(events)), stall.get(all + 2));
        assertTrue(stall.get(all + 3).matches(" #1: <lock\\d+> " + Pattern.quote(work)), stall.get(all + 3));
        assertEquals(List.of("", "=============================================", ""),
                stall.subList(stall.size() - 3, stall.size()));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void kernfsNotifyLlistFixedIsSilent(Path jdk) {
        assertSilent(jdk, "KernfsNotifyLlist", "kernfs-notify-llist (fixed): the notify work ran once and finished");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theKernelRuntimeDoesWhatTheKernelDoes(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.examples.RuntimeTour", List.of());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("""
                nofs+noio: flags=3 GFP_KERNEL->c00
                nofs: flags=1 GFP_KERNEL->c40
                in a NORECLAIM scope method: flags=4
                after a scope method threw: flags=0
                in a scope method: flags=1, after it: flags=0
                nested with mutex_lock_nested: reports=1
                nested without annotation: reports=2
                assertions: reports=4
                flush_workqueue: 3 of 3 ran
                low on memory: rescuer ran=true, no-rescuer ran=false
                memory back: no-rescuer ran=true
                """, r.stdout());
        // The kernel prints a pid there; a thread id varies between JDKs.
        Golden.of("runtime-tour").assertMatches(jdk,
                r.reports().replaceAll("PF_MEMALLOC task \\d+\\(", "PF_MEMALLOC task TID("));
    }

    private static void assertReports(Path jdk, String scenario, List<String> args, String expected) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), PACKAGE + scenario, args);
        assertEquals(0, r.exit(), r.stderr());
        Golden.of(expected).assertMatches(jdk, r.reports());
    }

    private static AgentRun.Result assertSilent(Path jdk, String scenario, String lastLine) {
        // With the watchdog on: a healthy run keeps no lock for a second.
        AgentRun.Dumped d = AgentRun.runDumped(jdk, "watchdog=1", List.of(), PACKAGE + scenario, List.of("--fixed"));
        d.assertSeen(3);
        AgentRun.Result r = d.result();
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("", r.stderr());
        assertTrue(r.stdout().endsWith(lastLine + "\n"), r.stdout());
        return r;
    }
}
