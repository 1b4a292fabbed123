package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fault inside the validator never reaches the application: the validator turns itself off. */
class HooksFaultTest {

    @Test
    void anExceptionInTheValidatorTurnsItOffAndStaysInside() throws Exception {
        Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, report -> {
                    throw new IllegalStateException("report sink failed");
                });
        List<Throwable> faults = new ArrayList<>();
        Hooks.install(v, faults::add, null);
        try {
            Object a = new Object();
            Object b = new Object();
            Thread t = new Thread(() -> {
                Hooks.monitorEnter(a, 0);
                Hooks.monitorEnter(b, 0);
                Hooks.monitorExit(b, 0);
                Hooks.monitorExit(a, 0);
            });
            t.start();
            t.join();
            assertDoesNotThrow(() -> {
                Hooks.monitorEnter(b, 0);
                Hooks.monitorEnter(a, 0); // closes the cycle: the sink throws inside the validator
                Hooks.monitorExit(a, 0);
                Hooks.monitorExit(b, 0);
            });
            assertEquals(1, faults.size());
            assertEquals("report sink failed", faults.get(0).getMessage());
            assertFalse(v.enabled(), "turned off");
        } finally {
            Hooks.install(null, null, null);
        }
    }

    @Test
    void aFaultInAnEventsCheckStaysInsideAndTheWaitGoesOn() throws Exception {
        Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, report -> {
                    throw new IllegalStateException("report sink failed");
                });
        List<Throwable> faults = new ArrayList<>();
        Hooks.install(v, faults::add, null);
        EventHooks.install(v);
        try {
            Object state = new Object();
            java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
            Thread t = new Thread(() -> {
                Hooks.monitorEnter(state, 0);
                Hooks.monitorExit(state, 0);
                EventHooks.latchCountDown(latch, 0);
                latch.countDown();
            });
            t.start();
            t.join();
            assertDoesNotThrow(() -> {
                Hooks.monitorEnter(state, 0);
                EventHooks.latchAwait(latch, 0); // closes the cycle: the sink throws inside the validator
                latch.await();
                Hooks.monitorExit(state, 0);
            });
            assertEquals(1, faults.size());
            assertEquals("report sink failed", faults.get(0).getMessage());
            assertFalse(v.enabled(), "turned off");
        } finally {
            EventHooks.install(null);
            Hooks.install(null, null, null);
        }
    }
}
