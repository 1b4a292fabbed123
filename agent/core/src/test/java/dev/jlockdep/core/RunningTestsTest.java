package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which test a report is first seen in: the reporting thread's, else the one running, else several. */
class RunningTestsTest {
    private final RunningTests tests = new RunningTests();

    private String onAnotherThread() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(tests.now()));
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void theReportingThreadsTestElseTheOneRunningElseSeveral() throws InterruptedException {
        assertNull(tests.now(), "no test runs");
        tests.started("BankTest.transfer");
        assertEquals("BankTest.transfer", tests.now());
        assertEquals("BankTest.transfer", onAnotherThread(), "a pool thread of the one test running");
        Thread second = new Thread(() -> tests.started("BankTest.audit"));
        second.start();
        second.join();
        assertEquals("BankTest.transfer", tests.now(), "its own thread's test, though two run");
        assertEquals(RunningTests.SEVERAL, onAnotherThread(), "parallel tests, a thread of neither");
        tests.finished("BankTest.transfer");
        assertEquals("BankTest.audit", tests.now(), "the one still running");
        tests.finished("BankTest.audit");
        assertNull(onAnotherThread());
    }
}
