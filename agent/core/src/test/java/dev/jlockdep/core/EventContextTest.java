package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waits and events driven directly: which locks a signal depends on (its thread's event context) and
 * how the cycle through an event is reported from either side.
 */
class EventContextTest {
    private final List<Report> reports = new ArrayList<>();
    private final SiteRegistry sites = new SiteRegistry();
    private final Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), sites,
            LockObjects.MONITORS, reports::add);
    private final Object latch = new Object();
    private final int latchSite = sites.register(new Site(new Frame("a.Service", "<init>", "Service.java", 5),
            "field:a.Service.ready", "Service.ready", true));

    EventContextTest() {
        v.eventCreated(latch, latchSite, "latch"); // named after its field, as where the application makes it
    }

    private Object lock(String name) {
        Object o = new Object();
        v.name(o, "key:" + name, name, WaitType.SLEEP);
        return o;
    }

    private static void inThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "signaller");
        t.start();
        t.join();
    }

    private void take(Object lock) {
        v.acquire(lock, 0, LockMode.EXCLUSIVE, 0, false);
    }

    private void drop(Object lock) {
        v.release(lock, 0, LockMode.EXCLUSIVE);
    }

    private void waitUnder(Object lock) {
        take(lock);
        v.eventWait(latch, latchSite, "latch");
        v.eventContext();
        drop(lock);
    }

    @Test
    void aSignalAfterTakingTheLockTheWaiterHoldsIsReportedAtTheWait() throws Exception {
        Object state = lock("state");
        inThread(() -> {
            take(state);
            drop(state);
            v.eventSignal(latch, 0, "latch");
        });
        assertTrue(reports.isEmpty());
        waitUnder(state);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertFalse(r.signalling());
        assertEquals("(latch)Service.ready", r.trying().bareName());
        assertEquals("state", r.holding().bareName());
        ChainLink lockLink = r.chain().get(0);
        assertEquals("... and then (latch)Service.ready was signalled at:", lockLink.notes().get(0).heading());
        assertTrue(r.confirmed());
    }

    @Test
    void aWaitBeforeTheSignalIsReportedAtTheSignal() throws Exception {
        Object state = lock("state");
        waitUnder(state);
        inThread(() -> {
            take(state);
            drop(state);
            v.eventSignal(latch, 0, "latch");
        });
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertTrue(r.signalling());
        assertEquals("(latch)Service.ready", r.holding().bareName());
        assertEquals("state", r.trying().bareName());
        assertEquals(1, reports.size());
    }

    @Test
    void locksTakenBeforeTheSignallersLastWaitAreNotPartOfItsContext() throws Exception {
        Object state = lock("state");
        Object other = new Object();
        inThread(() -> {
            take(state);
            drop(state);
            v.eventWait(other, 0, "latch");
            v.eventContext();
            v.eventSignal(latch, 0, "latch");
        });
        waitUnder(state);
        assertTrue(reports.isEmpty());
    }

    @Test
    void aLockHeldAcrossTheSignallersOwnWaitIsNotPartOfItsContext() throws Exception {
        // A semaphore used as a lock inside another: the permit released is the releaser's own.
        Object state = lock("state");
        inThread(() -> {
            take(state);
            v.eventWait(latch, 0, "semaphore");
            v.eventContext();
            v.eventSignal(latch, 0, "semaphore");
            drop(state);
        });
        waitUnder(state);
        assertTrue(reports.isEmpty());
    }

    @Test
    void locksTakenUnderTheContextsOutermostOneAreReachedThroughTheGraph() throws Exception {
        Object outer = lock("outer");
        Object inner = lock("inner");
        inThread(() -> {
            take(outer);
            take(inner);
            drop(inner);
            drop(outer);
            v.eventSignal(latch, 0, "latch");
        });
        waitUnder(inner);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("(inner){+.+.}-{3:3}", "(outer){+.+.}-{3:3}", "((latch)Service.ready){+.+.}-{0:0}"),
                r.chain().stream().map(ChainLink::decorated).toList());
        assertTrue(r.hasIntermediate());
    }

    @Test
    void aSignalWithTheSameContextAgainIsCached() throws Exception {
        Object state = lock("state");
        take(state);
        drop(state);
        v.eventSignal(latch, 0, "latch");
        long chains = v.snapshot().chains();
        for (int i = 0; i < 3; i++) {
            take(state);
            drop(state);
            v.eventSignal(latch, 0, "latch");
        }
        assertEquals(chains, v.snapshot().chains());
        assertEquals(1, v.snapshot().dependencies().size());
    }

    @Test
    void theContextKeepsItsNewestOutermostLocksWhenFull() throws Exception {
        List<Object> locks = new ArrayList<>();
        for (int i = 0; i <= HeldLocks.CONTEXT; i++) {
            locks.add(lock("L" + i));
        }
        inThread(() -> {
            for (Object l : locks) {
                take(l);
                drop(l);
            }
            v.eventSignal(latch, 0, "latch");
        });
        waitUnder(locks.get(0)); // the oldest made room for the newest
        assertTrue(reports.isEmpty());
        waitUnder(locks.get(HeldLocks.CONTEXT));
        assertEquals(1, reports.size());
    }

    @Test
    void aThreadsEndIsKeptUntilSomethingNamesItsEvent() throws Exception {
        Object state = lock("state");
        Object thread = new Object();
        inThread(() -> {
            take(state);
            drop(state);
            v.knownEventSignal(thread, 0, "thread");
        });
        assertTrue(v.snapshot().classes().stream().noneMatch(c -> c.name().startsWith("(thread)")),
                "an end nobody named is no class");
        int joinSite = sites.register(new Site(new Frame("a.Service", "stop", "Service.java", 9), null, null, false));
        take(state);
        v.eventWait(thread, joinSite, "thread"); // a join after the end names it: the end counts now
        drop(state);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("(thread)Service.stop:9", r.trying().bareName());
        assertEquals("state", r.holding().bareName());
    }
}
