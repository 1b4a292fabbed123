package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.ReportSink;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.instrument.hooks.EventHooks;
import dev.jlockdep.instrument.hooks.HookRuntime;
import dev.jlockdep.instrument.hooks.LockHooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fault inside the validator never reaches the application: the validator turns itself off. */
class HooksFaultTest {
    /** The hooks are process-wide: no test leaves its validator installed for the next. */
    @AfterEach
    void uninstall() {
        HookRuntime.install(null, null, null);
    }

    /** Lock classes of their own (locks are classed by their type). */
    private static final class First {
    }

    private static final class Second {
    }

    private static final class Third {
    }

    private static final class Fourth {
    }

    private static Validator validator(ReportSink sink) {
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
        LockHooks.monitorEnter(outer, 0);
        LockHooks.monitorEnter(inner, 0);
        LockHooks.monitorExit(inner, 0);
        LockHooks.monitorExit(outer, 0);
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
        HookRuntime.install(v, notice, null);
        assertDoesNotThrow(() -> abThenBa(new First(), new Second()));
        assertFalse(v.enabled(), "turned off");
        assertEquals("", said.toString(StandardCharsets.UTF_8), "saying it failed for want of memory");
        HookRuntime.fault(new IllegalStateException("a later fault")); // nothing new: not said
        notice.sayPending(); // at exit
        notice.sayPending();
        assertEquals("jlockdep: internal error (java.lang.OutOfMemoryError: Java heap space)\n"
                + "turning off the locking correctness validator.\n", said.toString(StandardCharsets.UTF_8));
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
        HookRuntime.install(v, faults::add, null);
        abThenBa(new First(), new Second());
        assertEquals(List.of("CircularReport"), reports.stream().map(r -> r.getClass().getSimpleName()).toList(),
                "the cycle, and nothing from the sink's own locking");
        assertEquals(List.of(), faults);
        assertTrue(v.enabled());
        nest(y, x); // on the application's side, y before x is new and orders nothing yet
        assertEquals(1, reports.size());
    }

    /** The agent's threads (the reaper, the watchdog, the dump at exit) run marked as agent code. */
    @Test
    void locksTakenOnAnAgentThreadAreNotRecorded() throws Exception {
        List<Report> reports = new ArrayList<>();
        Validator v = validator(reports::add);
        HookRuntime.install(v, t -> {
            throw new AssertionError(t);
        }, null);
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
    }

    @Test
    void anExceptionInTheValidatorTurnsItOffAndStaysInside() throws Exception {
        Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, report -> {
                    throw new IllegalStateException("report sink failed");
                });
        List<Throwable> faults = new ArrayList<>();
        HookRuntime.install(v, faults::add, null);
        Object a = new Object();
        Object b = new Object();
        Thread t = new Thread(() -> {
            LockHooks.monitorEnter(a, 0);
            LockHooks.monitorEnter(b, 0);
            LockHooks.monitorExit(b, 0);
            LockHooks.monitorExit(a, 0);
        });
        t.start();
        t.join();
        assertDoesNotThrow(() -> {
            LockHooks.monitorEnter(b, 0);
            LockHooks.monitorEnter(a, 0); // closes the cycle: the sink throws inside the validator
            LockHooks.monitorExit(a, 0);
            LockHooks.monitorExit(b, 0);
        });
        assertEquals(1, faults.size());
        assertEquals("report sink failed", faults.get(0).getMessage());
        assertFalse(v.enabled(), "turned off");
    }

    @Test
    void aFaultInAnEventsCheckStaysInsideAndTheWaitGoesOn() throws Exception {
        Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, report -> {
                    throw new IllegalStateException("report sink failed");
                });
        List<Throwable> faults = new ArrayList<>();
        HookRuntime.install(v, faults::add, null);
        Object state = new Object();
        CountDownLatch latch = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            LockHooks.monitorEnter(state, 0);
            LockHooks.monitorExit(state, 0);
            EventHooks.latchCountDown(latch, 0);
            latch.countDown();
        });
        t.start();
        t.join();
        assertDoesNotThrow(() -> {
            LockHooks.monitorEnter(state, 0);
            EventHooks.latchAwait(latch, 0); // closes the cycle: the sink throws inside the validator
            latch.await();
            LockHooks.monitorExit(state, 0);
        });
        assertEquals(1, faults.size());
        assertEquals("report sink failed", faults.get(0).getMessage());
        assertFalse(v.enabled(), "turned off");
    }
}
