package dev.jlockdep.junit;

import dev.jlockdep.api.Lockdep;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Tells the agent which test runs on which thread, so that each report says the test it was first seen
 * in ({@code BankTest.transfer}). Registered for the JUnit Platform's launcher through
 * {@code ServiceLoader}: on the test class path, it needs no annotation and no configuration; without
 * the agent, the api's calls do nothing.
 */
public final class RunningTestListener implements TestExecutionListener {
    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            Lockdep.testStarted(name(test));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            Lockdep.testFinished(name(test));
        }
    }

    /** {@code SimpleClassName.method} for a test method, else the test's display name. */
    static String name(TestIdentifier test) {
        if (test.getSource().orElse(null) instanceof MethodSource m) {
            String type = m.getClassName();
            return type.substring(type.lastIndexOf('.') + 1) + "." + m.getMethodName();
        }
        return test.getDisplayName();
    }
}
