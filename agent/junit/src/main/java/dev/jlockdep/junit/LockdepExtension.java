package dev.jlockdep.junit;

import dev.jlockdep.api.Lockdep;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when jlockdep printed a new report while it ran, with the reports in the failure
 * message; and a test class, for reports while its class-level setup or teardown ran. Without the
 * agent it does nothing, unless the JUnit configuration parameter {@code jlockdep.required=true} says
 * the agent must be there: then every test class fails at once. Reports are attributed by time: with
 * tests running in parallel, a report fails whichever running test checks first.
 *
 * <p>On a test class, {@code @ExtendWith(LockdepExtension.class)}; or on every test class, without
 * annotations, with {@code junit.jupiter.extensions.autodetection.enabled=true} (the jar registers the
 * extension for JUnit's auto-detection).
 */
public final class LockdepExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LockdepExtension.class);
    private static final String SEEN = "reports seen";
    /** The JUnit configuration parameter that makes a run without the agent fail. */
    public static final String REQUIRED = "jlockdep.required";
    /** Set by the agent once it runs (the report module's LiveAgent.VERSION_PROPERTY). */
    private static final String AGENT_VERSION = "jlockdep.agent.version";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getConfigurationParameter(REQUIRED, Boolean::parseBoolean).orElse(false)
                && System.getProperty(AGENT_VERSION) == null) {
            throw new ExtensionConfigurationException(REQUIRED + "=true, but the jlockdep agent does not run in this"
                    + " JVM: start it with -javaagent:jlockdep-agent.jar (a missing agent would pass every test)");
        }
        remember(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String[] reports = newReports(context);
        context.getParent().ifPresent(LockdepExtension::remember); // the class does not count them again
        fail(reports, "while this test ran");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fail(newReports(context), "in this class's setup or teardown");
    }

    private static void remember(ExtensionContext context) {
        context.getStore(NAMESPACE).put(SEEN, Lockdep.reportCount());
    }

    private static String[] newReports(ExtensionContext context) {
        Integer seen = context.getStore(NAMESPACE).get(SEEN, Integer.class);
        return Lockdep.reportsSince(seen == null ? 0 : seen);
    }

    private static void fail(String[] reports, String when) {
        if (reports.length == 0) {
            return;
        }
        StringBuilder message = new StringBuilder("jlockdep: ").append(reports.length).append(" new report")
                .append(reports.length == 1 ? "" : "s").append(' ').append(when).append(':');
        for (String r : reports) {
            message.append('\n').append(r);
        }
        throw new AssertionError(message.toString());
    }
}
