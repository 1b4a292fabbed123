package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.StallReport;
import dev.jlockdep.core.model.WarningReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The per-thread context the kernel models rely on: memalloc scopes, interrupt state and its usage
 * characters, assertions and warnings, and the watchdog, driven directly without an agent.
 */
class ThreadContextTest {
    private final List<Report> reports = new ArrayList<>();
    private final SiteRegistry sites = new SiteRegistry();
    private final Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), sites,
            LockObjects.MONITORS, reports::add);

    private Object lock(String name) {
        Object o = new Object();
        v.name(o, "key:" + name, name, WaitType.SPIN);
        return o;
    }

    private static void inThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "other");
        t.start();
        t.join();
    }

    @Test
    void memallocBitsSaveAndRestoreLikeTheKernelsScopes() {
        assertEquals(0, v.memallocSet(1, 1));
        assertEquals(0, v.memallocSet(2, 2));
        assertEquals(3, v.memallocFlags());
        assertEquals(1, v.memallocSet(1, 1)); // nested save of a bit already set returns it set
        v.memallocSet(2, 0);
        assertEquals(1, v.memallocFlags());
        v.memallocEnter(4);
        v.memallocEnter(2);
        assertEquals(7, v.memallocFlags());
        v.memallocExit();
        assertEquals(5, v.memallocFlags());
        v.memallocExit();
        v.memallocExit(); // one exit too many changes nothing
        assertEquals(1, v.memallocFlags());
    }

    @Test
    void scopesBelongToTheirThread() throws Exception {
        v.memallocSet(1, 1);
        int[] seen = new int[1];
        inThread(() -> seen[0] = v.memallocFlags());
        assertEquals(0, seen[0]);
        assertEquals(1, v.memallocFlags());
    }

    @Test
    void aClassTakenOnlyWithInterruptsOffShowsDots() throws Exception {
        Object irqOnly = lock("irq-only");
        Object both = lock("both");
        inThread(() -> {
            v.irqsSet(1);
            v.acquire(irqOnly, 0, LockMode.EXCLUSIVE, 0, false);
            v.acquire(both, 0, LockMode.EXCLUSIVE, 0, false);
            v.release(both, 0, LockMode.EXCLUSIVE);
            v.release(irqOnly, 0, LockMode.EXCLUSIVE);
            v.irqsSet(0);
        });
        assertEquals(0, v.irqsOff());
        v.acquire(both, 0, LockMode.EXCLUSIVE, 0, false);
        int old = v.irqsSet(1);
        v.acquire(irqOnly, 0, LockMode.EXCLUSIVE, 0, false);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("(irq-only){....}-{2:2}", r.trying().decorated());
        assertEquals("(both){+.+.}-{2:2}", r.holding().decorated());
        assertEquals(0, old);
    }

    @Test
    void theSameChainWithInterruptsOnIsValidatedAgainAndMarksTheUse() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> {
            v.irqsSet(1);
            for (int i = 0; i < 2; i++) { // the second round must not reuse the first's entries either
                v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
                v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
                v.release(b, 0, LockMode.EXCLUSIVE);
                v.release(a, 0, LockMode.EXCLUSIVE);
            }
            v.irqsSet(0);
            v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
            v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
            v.release(b, 0, LockMode.EXCLUSIVE);
            v.release(a, 0, LockMode.EXCLUSIVE);
        });
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("(A){+.+.}-{2:2}", r.trying().decorated());
        assertEquals("(B){+.+.}-{2:2}", r.holding().decorated());
    }

    @Test
    void aTrylockMarksItsUseToo() {
        Object a = lock("A");
        Object sameClass = lock("A");
        v.acquire(a, 0, LockMode.READ, 0, true);
        v.release(a, 0, LockMode.READ);
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(sameClass, 0, LockMode.EXCLUSIVE, 0, false);
        RecursiveReport r = assertInstanceOf(RecursiveReport.class, reports.get(0));
        assertEquals("(A){++++}-{2:2}", r.trying().decorated());
    }

    @Test
    void assertionsWarnOncePerCallSiteAndMessage() {
        Object a = lock("&mm->mmap_lock");
        v.assertHeld(a, LockMode.ANY, true, "lockdep_assert_held");
        v.acquire(a, 0, LockMode.READ, 0, false);
        v.assertHeld(a, LockMode.ANY, true, "lockdep_assert_held");
        v.assertHeld(a, LockMode.READ, true, "lockdep_assert_held_read");
        v.assertHeld(a, LockMode.EXCLUSIVE, true, "lockdep_assert_held_write");
        v.assertHeld(a, LockMode.ANY, false, "lockdep_assert_not_held");
        v.release(a, 0, LockMode.READ);
        v.assertHeld(a, LockMode.ANY, false, "lockdep_assert_not_held");
        for (int i = 0; i < 2; i++) {
            v.warnOnce("twice from one place, once reported");
        }
        List<String> messages = reports.stream().map(r -> assertInstanceOf(WarningReport.class, r).message()).toList();
        assertEquals(List.of("lockdep_assert_held(&mm->mmap_lock): lock not held",
                "lockdep_assert_held_write(&mm->mmap_lock): lock not held",
                "lockdep_assert_not_held(&mm->mmap_lock): lock held",
                "twice from one place, once reported"), messages);
        WarningReport held = (WarningReport) reports.get(2);
        assertEquals(1, held.held().size());
    }

    @Test
    void anAssertionDoesNotBindALockNotSeenYet() {
        Object first = new Object();
        Object second = new Object();
        v.assertHeld(first, LockMode.ANY, false, "lockdep_assert_not_held");
        assertTrue(reports.isEmpty());
        int field = sites.register(new Site(new Frame("Inode", "lock", "Inode.java", 3), "field:Inode.lock",
                "Inode.lock", false));
        v.acquire(first, field, LockMode.EXCLUSIVE, 0, false);
        v.acquire(second, field, LockMode.EXCLUSIVE, 0, false);
        RecursiveReport r = assertInstanceOf(RecursiveReport.class, reports.get(0));
        assertEquals("Inode.lock", r.holding().bareName());
    }

    @Test
    void theWatchdogReportsAThreadThatKeepsItsOutermostLockNotOneThatCyclesIt() throws Exception {
        Watchdog dog = new Watchdog(v, 2);
        Object stuckLock = lock("(wq_completion)events");
        Object busyLock = lock("busy");
        CountDownLatch taken = new CountDownLatch(2);
        CountDownLatch round = new CountDownLatch(1);
        CountDownLatch retaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            v.acquire(stuckLock, 0, LockMode.EXCLUSIVE, 0, false);
            taken.countDown();
            await(release);
            v.release(stuckLock, 0, LockMode.EXCLUSIVE);
        }, "kworker/0:1");
        Thread cycling = new Thread(() -> {
            v.acquire(busyLock, 0, LockMode.EXCLUSIVE, 0, false);
            taken.countDown();
            await(round);
            v.release(busyLock, 0, LockMode.EXCLUSIVE);
            v.acquire(busyLock, 0, LockMode.EXCLUSIVE, 0, false); // a new outermost acquisition
            retaken.countDown();
            await(release);
            v.release(busyLock, 0, LockMode.EXCLUSIVE);
        }, "cycling");
        stuck.start();
        cycling.start();
        taken.await();
        long s = 1_000_000_000L;
        dog.check(0);
        dog.check(s);
        round.countDown();
        retaken.await();
        parked(stuck); // the report says what the thread is doing: let it reach its wait first
        dog.check(2 * s);
        dog.check(3 * s);
        release.countDown();
        stuck.join();
        cycling.join();
        assertEquals(1, reports.size(), reports.toString());
        StallReport r = assertInstanceOf(StallReport.class, reports.get(0));
        assertEquals("kworker/0:1/" + stuck.getId(), r.thread());
        assertEquals("WAITING", r.state());
        assertEquals(2, r.seconds());
        assertEquals("(wq_completion)events", r.held().get(0).bareName());
        assertTrue(r.everyone().stream().anyMatch(t -> t.thread().startsWith("cycling/")), r.everyone().toString());
    }

    @Test
    void handOverHandIsProgressAndALaterStallIsReportedAgain() throws Exception {
        Watchdog dog = new Watchdog(v, 1);
        Object a = lock("node");
        Object b = lock("node");
        long s = 1_000_000_000L;
        CountDownLatch step = new CountDownLatch(1);
        CountDownLatch stepped = new CountDownLatch(1);
        CountDownLatch again = new CountDownLatch(1);
        CountDownLatch stalledAgain = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread walker = new Thread(() -> {
            v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
            v.nestNext(b, 1);
            v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
            await(step);
            v.release(a, 0, LockMode.EXCLUSIVE); // the outermost lock goes first: hand over hand
            stepped.countDown();
            await(again);
            v.release(b, 0, LockMode.EXCLUSIVE);
            v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
            stalledAgain.countDown();
            await(done);
            v.release(a, 0, LockMode.EXCLUSIVE);
        }, "walker");
        walker.start();
        dog.check(0);
        step.countDown();
        stepped.await();
        dog.check(s);     // the outermost lock changed: no report
        assertTrue(reports.isEmpty(), reports.toString());
        dog.check(2 * s); // b held since s
        assertEquals(1, reports.size());
        again.countDown();
        stalledAgain.await();
        dog.check(3 * s);
        dog.check(4 * s); // a new outermost acquisition, stuck again
        done.countDown();
        walker.join();
        assertEquals(2, reports.size(), reports.toString());
    }

    /** Returns once {@code thread} waits (a state, not a time: however loaded the machine). */
    private static void parked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
