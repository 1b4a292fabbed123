package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded agent jar: one jar, every bundled library relocated, the manifest an agent needs. */
class AgentJarIT {

    @Test
    void everyClassIsTheAgentsOwnOrRelocated() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("dev/jlockdep/core/") && !n.startsWith("dev/jlockdep/report/")
                            && !n.startsWith("dev/jlockdep/instrument/") && !n.startsWith("dev/jlockdep/shaded/"))
                    .toList();
            assertEquals(List.of(), foreign, "classes outside the agent's packages would clash with the application's");
            assertTrue(jar.getEntry("dev/jlockdep/shaded/bytebuddy/jar/asm/ClassReader.class") != null);
            assertTrue(jar.getEntry("dev/jlockdep/shaded/jgrapht/graph/AbstractBaseGraph.class") != null);
            assertTrue(jar.getEntry("dev/jlockdep/shaded/gson/stream/JsonWriter.class") != null);
        }
    }

    /** Minimised: what the agent's own classes reach, and nothing of the libraries' unused dependencies. */
    @Test
    void itCarriesOnlyWhatItUses() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
            List<String> classes = jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertEquals(List.of(), classes.stream().filter(n -> n.startsWith("dev/jlockdep/shaded/apfloat/")
                    || n.startsWith("dev/jlockdep/shaded/jheaps/") || n.contains("/errorprone/")).toList());
            assertTrue(jar.getEntry("dev/jlockdep/shaded/jgrapht/alg/cycle/JohnsonSimpleCycles.class") == null,
                    "an algorithm the agent never calls");
            assertTrue(jar.getEntry("dev/jlockdep/report/DumpReader.class") == null, "the CLI's reader");
            assertTrue(classes.size() < 3_000, classes.size() + " classes");
        }
    }

    @Test
    void manifestMakesItAnAgent() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.jlockdep.instrument.Premain", main.getValue("Premain-Class"));
            assertEquals("dev.jlockdep.instrument.Premain", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertTrue(main.getValue("Implementation-Version").matches("\\d+\\.\\d+\\.\\d+.*"));
        }
    }
}
