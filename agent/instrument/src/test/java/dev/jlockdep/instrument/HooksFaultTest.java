package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.model.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fault inside the validator never reaches the application: the validator turns itself off. */
class HooksFaultTest {

    /** Lock classes of their own (locks are classed by their type). */
    private static final class First {
    }

    private static final class Second {
    }

    private static final class Third {
    }

    private static final class Fourth {
    }

    private static Validator validator(dev.jlockdep.core.ReportSink sink) {
        return new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, sink);
    }

    /** Takes a then b on another thread, then b then a on this one: the second order closes a cycle. */
    private static void abThenBa(Object a, Object b) throws InterruptedException {
        Thread t = new Thread(() -> nest(a, b));
        t.start();
        t.join();
        nest(b, a);
    }

    private static void nest(Object outer, Object inner) {
        Hooks.monitorEnter(outer, 0);
        Hooks.monitorEnter(inner, 0);
        Hooks.monitorExit(inner, 0);
        Hooks.monitorExit(outer, 0);
    }

    /** A stream that fails once, as printing does when memory is out, and then works. */
    private static final class FailingOnce extends PrintStream {
        private boolean failed;

        FailingOnce(ByteArrayOutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String x) {
            if (!failed) {
                failed = true;
                throw new OutOfMemoryError("Java heap space");
            }
            super.println(x);
        }
    }

    @Test
    void anOutOfMemoryErrorInTheValidatorStaysInsideAndIsSaidOnceThereIsMemoryAgain() throws Exception {
        Validator v = validator(report -> {
            throw new OutOfMemoryError("Java heap space");
        });
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        FaultNotice notice = new FaultNotice(new FailingOnce(said));
        Hooks.install(v, notice, null);
        try {
            assertDoesNotThrow(() -> abThenBa(new First(), new Second()));
            assertFalse(v.enabled(), "turned off");
            assertEquals("", said.toString(StandardCharsets.UTF_8), "saying it failed for want of memory");
            Hooks.fault(new IllegalStateException("a later fault")); // nothing new: not said
            notice.sayPending(); // at exit
            notice.sayPending();
            assertEquals("jlockdep: internal error (java.lang.OutOfMemoryError: Java heap space)\n"
                    + "turning off the locking correctness validator.\n", said.toString(StandardCharsets.UTF_8));
        } finally {
            Hooks.install(null, null, null);
        }
    }

    /**
     * Reporting runs code that may be instrumented (a stream's monitor, a logger's locks): the hooks it
     * calls on the reporting thread record nothing, even locks taken in both orders, and nothing recurs.
     */
    @Test
    void hooksReenteredFromTheValidatorsOwnCodeRecordNothing() throws Exception {
        Object x = new Third();
        Object y = new Fourth();
        List<Report> reports = new ArrayList<>();
        Validator v = validator(report -> {
            reports.add(report);
            nest(x, y);
            nest(y, x);
        });
        List<Throwable> faults = new ArrayList<>();
        Hooks.install(v, faults::add, null);
        try {
            abThenBa(new First(), new Second());
            assertEquals(List.of("CircularReport"), reports.stream().map(r -> r.getClass().getSimpleName()).toList(),
                    "the cycle, and nothing from the sink's own locking");
            assertEquals(List.of(), faults);
            assertTrue(v.enabled());
            nest(y, x); // on the application's side, y before x is new and orders nothing yet
            assertEquals(1, reports.size());
        } finally {
            Hooks.install(null, null, null);
        }
    }

    /** The agent's threads (the reaper, the watchdog, the dump at exit) run marked as agent code. */
    @Test
    void locksTakenOnAnAgentThreadAreNotRecorded() throws Exception {
        List<Report> reports = new ArrayList<>();
        Validator v = validator(reports::add);
        Hooks.install(v, t -> {
            throw new AssertionError(t);
        }, null);
        try {
            Object a = new First();
            Object b = new Second();
            nest(a, b);
            Thread agentThread = new Thread(() -> {
                v.enterAgent();
                nest(b, a);
            });
            agentThread.start();
            agentThread.join();
            assertEquals(List.of(), reports);
            nest(b, a); // the same order on an application thread is the cycle
            assertEquals(List.of("CircularReport"), reports.stream().map(r -> r.getClass().getSimpleName()).toList());
        } finally {
            Hooks.install(null, null, null);
        }
    }

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
