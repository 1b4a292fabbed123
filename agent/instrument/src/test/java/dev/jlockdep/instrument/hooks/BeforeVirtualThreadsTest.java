package dev.jlockdep.instrument.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work before the first virtual thread (the agent's preload) runs once, and no start overtakes it. */
class BeforeVirtualThreadsTest {
    @AfterEach
    void uninstall() {
        HookRuntime.install(null, null, null);
        HookRuntime.beforeVirtualThreads(null);
    }

    @Test
    void aStartBesideTheFirstWaitsUntilItsWorkIsDone() throws InterruptedException {
        HookRuntime.install(new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { }), t -> { }, null);
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        HookRuntime.beforeVirtualThreads(() -> {
            runs.incrementAndGet();
            working.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread first = new Thread(LockHooks::virtualThreadStarting, "first");
        first.start();
        working.await();
        Thread second = new Thread(LockHooks::virtualThreadStarting, "second");
        second.start();
        // The second start must wait for the work, blocked on its lock; one that went on would end now.
        while (second.getState() != Thread.State.BLOCKED) {
            assertTrue(second.isAlive(), "the second start went on while the work ran");
            Thread.onSpinWait();
        }
        release.countDown();
        first.join();
        second.join();
        LockHooks.virtualThreadStarting(); // later starts: nothing to do
        assertEquals(1, runs.get());
    }
}
