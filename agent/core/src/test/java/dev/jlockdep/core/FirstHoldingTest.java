package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.Triage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * A lock object's first holding by its first taker holds its dependencies back until the holding ends
 * or another thread takes the lock: a lock left held on an object nobody else reaches orders nothing.
 */
class FirstHoldingTest {
    private final List<Report> reports = new ArrayList<>();
    private final Validator v = Validators.collecting(reports);

    /** A lock object of the class "Entry", as every entry of a cache. */
    private ReentrantLock entry() {
        ReentrantLock l = new ReentrantLock();
        v.name(l, "key:Entry", "Entry", WaitType.SLEEP);
        return l;
    }

    private Object monitor(String name) {
        Object o = new Object();
        v.name(o, "key:" + name, name, WaitType.SLEEP);
        return o;
    }

    private void nest(Object outer, Object inner) {
        Validators.nest(v, outer, inner);
    }

    private static void inThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "other");
        t.start();
        t.join();
    }

    @Test
    void aLockLeftHeldThatNoOtherThreadTookOrdersNothing() throws Exception {
        ReentrantLock dropped = entry();
        Object connection = monitor("Connection");
        v.acquire(dropped, 0, LockMode.EXCLUSIVE, 0, false); // never released
        v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(connection, 0, LockMode.EXCLUSIVE);
        ReentrantLock cached = entry();
        inThread(() -> nest(connection, cached));
        assertEquals(List.of(), reports);
        assertEquals(1, v.snapshot().heldBack()); // counted in the dump: Entry -> Connection
    }

    @Test
    void aHoldingThatEndsPutsItsDependenciesIntoTheGraphThen() throws Exception {
        ReentrantLock filled = entry();
        Object connection = monitor("Connection");
        ReentrantLock cached = entry();
        inThread(() -> nest(connection, cached));
        v.acquire(filled, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(connection, 0, LockMode.EXCLUSIVE);
        assertEquals(List.of(), reports);
        assertEquals(1, v.snapshot().heldBack());
        v.release(filled, 0, LockMode.EXCLUSIVE);
        assertEquals(0, v.snapshot().heldBack());
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("Connection", r.trying().bareName()); // as at the acquisition it was held back from
        assertEquals(List.of("Entry"), r.held().stream().map(l -> l.bareName()).toList());
        assertEquals(1, reports.size());
    }

    @Test
    void anotherThreadTakingTheLockSettlesItsHoldingFirst() throws Exception {
        ReentrantLock shared = entry();
        Object connection = monitor("Connection");
        v.acquire(shared, 0, LockMode.EXCLUSIVE, 0, false); // held on: the other thread would block on it
        v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(connection, 0, LockMode.EXCLUSIVE);
        inThread(() -> {
            v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
            v.acquire(shared, 0, LockMode.EXCLUSIVE, 0, false);
        });
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("other", "Connection", "Entry"),
                List.of(r.thread().split("/")[0], r.holding().bareName(), r.trying().bareName()));
        assertEquals(List.of("Connection", "Entry"), r.chain().stream().map(l -> l.bareName()).toList());
        assertEquals(1, reports.size());
    }

    @Test
    void aHoldingHeldBackBeforeHidesNoLaterHoldingOfItsClass() throws Exception {
        Object connection = monitor("Connection");
        ReentrantLock dropped = entry();
        v.acquire(dropped, 0, LockMode.EXCLUSIVE, 0, false); // never released: held back, its chain not cached
        v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(connection, 0, LockMode.EXCLUSIVE);
        ReentrantLock filled = entry();
        inThread(() -> nest(filled, connection)); // the same chain, on a holding that ends
        ReentrantLock cached = entry();
        inThread(() -> nest(connection, cached));
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("Connection", "Entry"), List.of(r.holding().bareName(), r.trying().bareName()));
        assertEquals(1, reports.size());
    }

    @Test
    void anEntryTakenUnderADroppedOneOfItsClassIsNoRecursionUntilSettled() throws Exception {
        ReentrantLock dropped = entry();
        ReentrantLock cached = entry();
        v.acquire(dropped, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(cached, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(cached, 0, LockMode.EXCLUSIVE);
        assertEquals(List.of(), reports);
        v.release(dropped, 0, LockMode.EXCLUSIVE);
        RecursiveReport r = assertInstanceOf(RecursiveReport.class, reports.get(0));
        assertEquals(List.of("main", "Entry", "Entry"),
                List.of(r.thread().split("/")[0], r.holding().bareName(), r.trying().bareName()));
        assertEquals(1, reports.size());
    }

    @Test
    void theLocksBelowAFirstHoldingKeepTheirOrderBeforeWhatIsTakenAboveIt() throws Exception {
        Object outer = monitor("Outer");
        Object inner = monitor("Inner");
        ReentrantLock dropped = entry();
        v.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(dropped, 0, LockMode.EXCLUSIVE, 0, false); // never released
        v.acquire(inner, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(inner, 0, LockMode.EXCLUSIVE);
        inThread(() -> nest(inner, outer));
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("Inner", "Outer"), List.of(r.holding().bareName(), r.trying().bareName()));
        assertEquals(1, reports.size());
    }

    /** The agent binds a read-write lock's views to the lock itself (their identity), as here. */
    @Test
    void aReadWriteLockLeftHeldOrdersNothingEither() throws Exception {
        ReentrantReadWriteLock dropped = new ReentrantReadWriteLock();
        v.name(dropped, "key:Entry", "Entry", WaitType.SLEEP);
        Object connection = monitor("Connection");
        v.acquire(dropped, 0, LockMode.EXCLUSIVE, 0, false); // never released
        v.acquire(connection, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(connection, 0, LockMode.EXCLUSIVE);
        ReentrantReadWriteLock cached = new ReentrantReadWriteLock();
        v.name(cached, "key:Entry", "Entry", WaitType.SLEEP);
        inThread(() -> nest(connection, cached));
        assertEquals(List.of(), reports);
    }

    /**
     * A lock's dependency made because the first holding above it held its own back stands for the path
     * through that holding, which it does not gate: the real cycle of X and M stays credible.
     */
    @Test
    void aFirstHoldingHeldBackIsNoGateOfTheDependenciesBelowIt() throws Exception {
        Object x = monitor("X");
        Object y = monitor("Y");
        ReentrantLock m = new ReentrantLock();
        v.name(m, "key:M", "M", WaitType.SLEEP);
        inThread(() -> {
            v.acquire(x, 0, LockMode.EXCLUSIVE, 0, false);
            nest(m, y);
            v.release(x, 0, LockMode.EXCLUSIVE);
        });
        v.acquire(m, 0, LockMode.EXCLUSIVE, 0, false);
        nest(y, x);
        v.release(m, 0, LockMode.EXCLUSIVE);
        Report r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(Triage.Verdict.CREDIBLE, v.snapshot().triageOf(r).verdict());
    }
}
