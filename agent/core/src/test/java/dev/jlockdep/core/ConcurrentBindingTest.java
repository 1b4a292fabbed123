package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.InstanceTableTest.Slotted;
import dev.jlockdep.core.model.Report;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Objects that keep their entry in a slot of their own are bound without the binding lock: threads
 * that take the same new objects at once must still agree on one binding for each, count each once,
 * and see each as shared by them.
 */
class ConcurrentBindingTest {
    /** As many as a small machine runs at once: each round they spin until all have arrived, then race. */
    private static final int THREADS = 2;
    private static final int OBJECTS = 2_000;

    /** Plain monitors, as {@link LockObjects#MONITORS}, of which {@link Slotted} objects keep their entry in their slot. */
    private static final LockObjects SLOTTED_MONITORS = (LockObjects) Proxy.newProxyInstance(
            LockObjects.class.getClassLoader(), new Class<?>[] {LockObjects.class},
            (proxy, method, args) -> method.getName().equals("slots") ? InstanceTableTest.FIELD
                    : method.invoke(LockObjects.MONITORS, args));

    @Test
    void threadsTakingTheSameNewObjectsAgreeOnOneBindingEach() throws Exception {
        List<Report> reports = new CopyOnWriteArrayList<>();
        Validator v = validator(reports);
        Slotted first = new Slotted();
        takeAndRelease(v, first); // registers the runtime class's lock class
        LockClass c = ((InstanceTable.Entry) first.slot).binding.lockClass();
        assertTrue(c.singleInstance());

        Slotted[] objects = new Slotted[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            objects[i] = new Slotted();
        }
        // Every thread takes the round's object as soon as all have arrived: they race to bind it.
        AtomicInteger arrived = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < THREADS; n++) {
            Thread t = new Thread(() -> {
                try {
                    for (int r = 0; r < OBJECTS; r++) {
                        int all = (r + 1) * THREADS;
                        arrived.incrementAndGet();
                        while (arrived.get() < all) {
                            Thread.onSpinWait();
                        }
                        takeAndRelease(v, objects[r]);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                    arrived.set(Integer.MAX_VALUE / 2); // the others stop waiting
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(List.of(), reports);

        Set<Long> serials = new HashSet<>();
        for (Slotted o : objects) {
            InstanceTable.Entry e = (InstanceTable.Entry) o.slot;
            assertSame(o, e.get());
            assertSame(c, e.binding.lockClass());
            assertTrue(serials.add(e.binding.serial()), "serial " + e.binding.serial() + " given twice");
            assertEquals(Binding.SHARED, e.binding.owner, "each object was taken by every thread");
        }
        assertEquals(OBJECTS + 1, v.snapshot().instances(), "each object counted once");
        assertFalse(c.singleInstance());
        assertFalse(c.instancesConfined());
    }

    /**
     * A new object of a class already registered is bound while the binder's lock is held by another
     * thread: binding it needs no lock. The binding thread is watched until it ends, or until it blocks on
     * that lock, which fails the test (and lets it go on once the lock is released).
     */
    @Test
    void aNewObjectOfARegisteredClassIsBoundWithoutTheBindersLock() throws Exception {
        Validator v = validator(new CopyOnWriteArrayList<>());
        takeAndRelease(v, new Slotted());
        Object bindLock = field(field(v, "binder"), "bindLock");
        Slotted fresh = new Slotted();
        Thread t = new Thread(() -> takeAndRelease(v, fresh));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean waitedForTheLock = false;
        synchronized (bindLock) {
            t.start();
            while (t.isAlive() && !waitedForTheLock) {
                ThreadInfo info = threads.getThreadInfo(t.getId());
                waitedForTheLock = info != null && info.getThreadState() == Thread.State.BLOCKED
                        && info.getLockInfo() != null
                        && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(bindLock);
                Thread.onSpinWait();
            }
        }
        t.join();
        assertFalse(waitedForTheLock, "binding a new object of a registered class waited for the binder's lock");
        assertTrue(fresh.slot instanceof InstanceTable.Entry e && e.refersTo(fresh));
    }

    private static Validator validator(List<Report> reports) {
        return new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(), SLOTTED_MONITORS,
                reports::add);
    }

    private static void takeAndRelease(Validator v, Object lock) {
        v.acquire(lock, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(lock, 0, LockMode.EXCLUSIVE);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
