package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.Limits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's option string: every option, its defaults, and the one line each mistake gets. */
class AgentOptionsTest {
    private static String refused(String args) {
        return assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(args)).getMessage();
    }

    @Test
    void noOptionsMeanTheDefaults() {
        for (String none : new String[] {null, "", "  "}) {
            AgentOptions o = AgentOptions.parse(none);
            assertNull(o.dump);
            assertEquals(List.of(), o.includes);
            assertEquals(List.of(), o.excludes);
            assertFalse(o.once);
            assertTrue(o.events);
            assertEquals(32, o.stackDepth);
            assertEquals(0, o.watchdog);
            assertEquals(Limits.DEFAULT, o.limits());
        }
    }

    @Test
    void everyOptionIsRead() {
        AgentOptions o = AgentOptions.parse("dump=/tmp/d-%p.json, include=com.acme.*:org.x.Y,exclude=com.acme.gen.*,"
                + "once=true,events=false,stackDepth=64,watchdog=5,maxClasses=10,maxDependencies=20,maxChains=30,maxStackFrames=40,"
                + "log=/var/log/app/jlockdep-%p-%t.log,dumpEvery=60,wakeUps=false,classInits=false,"
                + "suppressions=/etc/jlockdep.supp,defaultSuppressions=false");
        assertEquals("/tmp/d-%p.json", o.dump);
        assertEquals("/var/log/app/jlockdep-%p-%t.log", o.log);
        assertEquals(60, o.dumpEvery);
        assertEquals(List.of("com.acme.*", "org.x.Y"), o.includes);
        assertEquals(List.of("com.acme.gen.*"), o.excludes);
        assertTrue(o.once);
        assertFalse(o.events);
        assertEquals(64, o.stackDepth);
        assertEquals(5, o.watchdog);
        assertEquals(new Limits(10, 20, 30, 40), o.limits());
        assertFalse(o.wakeUps);
        assertFalse(o.classInits);
        assertEquals("/etc/jlockdep.supp", o.suppressions);
        assertFalse(o.defaultSuppressions);
    }

    @Test
    void aFileOptionNamesTheProcessAndTheStartTime() {
        assertEquals(Path.of("/var/log/jlockdep-4242-20261204-071503.log"), AgentOptions.expand(
                "/var/log/jlockdep-%p-%t.log", () -> 4242, Instant.parse("2026-12-04T07:15:03.900Z")));
        assertEquals(Path.of("d.json"), AgentOptions.expand("d.json", () -> 1, Instant.EPOCH));
    }

    @Test
    void aMistakeIsOneLineThatSaysWhatWasExpected() {
        assertEquals("jlockdep: unknown agent option 'dupm' (accepted: classInits, defaultSuppressions, dump, dumpEvery, events, "
                + "exclude, include, log, maxChains, maxClasses, maxDependencies, maxStackFrames, once, stackDepth, suppressions, "
                + "wakeUps, watchdog)", refused("dupm=x.json"));
        assertEquals("jlockdep: agent option 'dumpEvery' needs dump=FILE, the file it rewrites", refused("dumpEvery=5"));
        assertEquals("jlockdep: bad value '0.5' for agent option 'dumpEvery': expected a whole number from 0 to 86400",
                refused("dump=d.json,dumpEvery=0.5"));
        assertEquals("jlockdep: agent option 'once' needs a value, as once=VALUE", refused("once"));
        assertEquals("jlockdep: bad value 'yes' for agent option 'once': expected true or false", refused("once=yes"));
        assertEquals("jlockdep: bad value '0' for agent option 'stackDepth': expected a whole number from 1 to 1024",
                refused("stackDepth=0"));
        assertEquals("jlockdep: bad value 'x' for agent option 'watchdog': expected a whole number from 0 to 86400",
                refused("watchdog=x"));
        assertEquals("jlockdep: bad value '' for agent option 'include': expected a non-empty value", refused("include="));
        assertEquals("jlockdep: bad value 'a::b' for agent option 'exclude': expected class-name patterns separated by "
                + "':', such as com.acme.*:org.example.Foo", refused("exclude=a::b"));
        assertEquals("jlockdep: bad value 'a\0b' for agent option 'dump': expected a file path", refused("dump=a\0b"));
        assertEquals("jlockdep: bad value '0' for agent option 'maxChains': expected a whole number from 1 to 1073741824",
                refused("maxChains=0"));
    }
}
