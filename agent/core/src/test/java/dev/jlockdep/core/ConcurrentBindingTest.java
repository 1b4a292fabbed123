package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.InstanceTableTest.Slotted;
import dev.jlockdep.core.model.Report;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Objects that keep their entry in a slot of their own are bound without the binding lock: threads
 * that take the same new objects at once must still agree on one binding for each, count each once,
 * and see each as shared by them.
 */
class ConcurrentBindingTest {
    private static final int THREADS = 4;
    private static final int OBJECTS = 5_000;

    /** Plain monitors, as {@link LockObjects#MONITORS}, of which {@link Slotted} objects keep their entry in their slot. */
    private static final LockObjects SLOTTED_MONITORS = (LockObjects) Proxy.newProxyInstance(
            LockObjects.class.getClassLoader(), new Class<?>[] {LockObjects.class},
            (proxy, method, args) -> method.getName().equals("slots") ? InstanceTableTest.FIELD
                    : method.invoke(LockObjects.MONITORS, args));

    @Test
    void threadsTakingTheSameNewObjectsAgreeOnOneBindingEach() throws Exception {
        List<Report> reports = new CopyOnWriteArrayList<>();
        Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                SLOTTED_MONITORS, reports::add);
        Slotted first = new Slotted();
        v.acquire(first, 0, LockMode.EXCLUSIVE, 0, false); // registers the runtime class's lock class
        v.release(first, 0, LockMode.EXCLUSIVE);
        LockClass c = ((InstanceTable.Entry) first.slot).binding.lockClass();
        assertTrue(c.singleInstance());

        Slotted[] objects = new Slotted[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            objects[i] = new Slotted();
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < THREADS; n++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (Slotted o : objects) {
                        v.acquire(o, 0, LockMode.EXCLUSIVE, 0, false);
                        v.release(o, 0, LockMode.EXCLUSIVE);
                    }
                } catch (Throwable e) {
                    failures.add(e);
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
}
