package dev.jlockdep.instrument.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold paths the compiler directive names are the validator's classes and methods as they are now. */
class AgentCompilationTest {
    @Test
    void everyColdPathNamesAClassAndMethodOfTheCore() throws ClassNotFoundException {
        for (String pattern : AgentCompilation.COLD) {
            int dot = pattern.indexOf('.');
            Class<?> c = Class.forName("dev.jlockdep.core." + pattern.substring(0, dot));
            String method = pattern.substring(dot + 1);
            if (method.equals("*")) {
                continue;
            }
            boolean prefix = method.endsWith("*");
            String name = prefix ? method.substring(0, method.length() - 1) : method;
            assertTrue(Arrays.stream(c.getDeclaredMethods())
                    .anyMatch(m -> prefix ? m.getName().startsWith(name) : m.getName().equals(name)), pattern);
        }
        assertEquals(AgentCompilation.COLD.size(), new HashSet<>(AgentCompilation.COLD).size());
    }

    @Test
    void theColdPathsAreOneDirectiveForTheAgentsOwnCode() {
        String withC1 = AgentCompilation.directives(true);
        String withoutC1 = AgentCompilation.directives(false);
        assertTrue(withC1.contains("c2: { Exclude: true }"), withC1);
        assertFalse(withoutC1.contains("Exclude"), withoutC1);
        for (String d : List.of(withC1, withoutC1)) {
            assertTrue(d.contains("{ match: [\"dev/jlockdep/*.*\", \"java/lang/$JLockdep.*\"], inline: [\"-dev/jlockdep/core/ChainValidator.*\", "), d);
        }
    }
}
