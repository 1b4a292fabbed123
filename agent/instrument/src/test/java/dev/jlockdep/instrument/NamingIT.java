package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lock classes a developer recognises: a wrapper's lock named after the field the wrapper is kept in and
 * recorded where the wrapper is called; an object of the program's own type named by its class, whichever
 * field it is read from; a JDK collection by the field it is kept in.
 */
class NamingIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertRun(Path jdk, String program, String variant, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it." + program,
                variant == null ? List.of() : List.of(variant));
        expected.assertMatches(jdk, d.result().reports());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(2);
        }
        assertEquals("finished\n", d.result().stdout());
        assertEquals(0, d.result().exit());
    }

    /** Two lifecycles, each taking its lock then its selector's: two classes, one order, nothing to report. */
    @ParameterizedTest
    @MethodSource("jdks")
    void eachWrappedLockIsNamedAfterTheFieldItsWrapperIsKeptIn(Path jdk) {
        assertRun(jdk, "WrappedLocks", null, Golden.NONE);
    }

    /** The other order through the wrappers: a real cycle, named and placed in the callers' code. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aCycleThroughWrappersNamesTheOwnersFieldsAndCallers(Path jdk) {
        assertRun(jdk, "WrappedLocks", "cycle", Golden.of("NamingIT/wrappedCycle"));
    }

    /**
     * A database's monitor read from two fields is one lock class, so the cycle between it and a session
     * lock is found; two Hashtables kept in two fields are two classes, nested one way: nothing more.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void anObjectOfItsOwnTypeIsNamedByItsClassAndACollectionByItsField(Path jdk) {
        assertRun(jdk, "MonitorNaming", null, Golden.of("NamingIT/monitors"));
    }

    /** Both Hashtables looked up inside each other: a real cycle between the two fields. */
    @ParameterizedTest
    @MethodSource("jdks")
    void collectionsInTwoFieldsNestedBothWaysAreACycle(Path jdk) {
        assertRun(jdk, "MonitorNaming", "cycle", Golden.of("NamingIT/collectionsCycle"));
    }
}
