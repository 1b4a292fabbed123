package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.jlockdep.it.LoadAll;
import dev.jlockdep.testing.AgentRun;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of real libraries from Maven Central (Guava and H2 here; with -Plibraries also Jetty,
 * Groovy, Log4j and Jackson) loads and links under the agent, which instruments them all, with the
 * JVM verifying every class (-Xverify:all), as it does without the agent: no VerifyError, no
 * ClassFormatError, the same classes failing for the same reasons (optional dependencies that are
 * absent) and the same totals. Classes the agent leaves alone say so in one line each. The dump's
 * count of rewritten classes proves the agent did rewrite them: at least every library class with a
 * monitor in its bytecode.
 */
class LibrariesIT {

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void everyClassLoadsAndVerifiesUnderTheAgentAsWithoutIt(Path jdk) throws IOException {
        String classpath = System.getProperty("jlockdep.libraries");
        List<String> jars = Arrays.asList(classpath.split(File.pathSeparator));
        assertTrue(jars.stream().anyMatch(j -> j.contains("guava")) && jars.stream().anyMatch(j -> j.contains("h2")),
                "the libraries: " + jars);
        List<String> verifyAll = List.of("-Xverify:all", "-Xshare:off");
        AgentRun.Result without = AgentRun.run(jdk, false, null, verifyAll, classpath, "dev.jlockdep.it.LoadAll", jars);
        Path dump = Files.createTempFile("jlockdep-libraries", ".json");
        AgentRun.Result with = AgentRun.run(jdk, true, "dump=" + dump, verifyAll, classpath, "dev.jlockdep.it.LoadAll", jars);
        long instrumented = JsonParser.parseString(Files.readString(dump, StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject("stats").get("classesInstrumented").getAsLong();
        Files.delete(dump);
        long withMonitors = classesWithMonitors(jars);
        assertTrue(instrumented >= withMonitors, instrumented + " classes rewritten, but " + withMonitors
                + " library classes have a monitor");
        assertEquals(0, without.exit(), without.stderr());
        assertEquals(0, with.exit(), with.stderr());
        assertFalse(with.stdout().contains("VerifyError") || with.stdout().contains("ClassFormatError"), with.stdout());
        assertEquals(without.stdout(), with.stdout(), "the same classes load, fail and count the same");
        List<String> skipped = with.stderr().lines().filter(l -> l.startsWith("jlockdep: not instrumenting ")).toList();
        List<String> other = with.stderr().lines().filter(l -> !l.startsWith("jlockdep: not instrumenting ")
                && !l.contains("warning: Options -Xverify:none")).toList();
        assertEquals(List.of(), other, "nothing else on stderr");
        String totals = with.stdout().lines().reduce((a, b) -> b).orElseThrow();
        System.out.println(jdk.getFileName() + ": " + totals + ", left uninstrumented " + skipped.size() + " "
                + skipped + " in " + jars.size() + " jars; rewritten " + instrumented + " classes (JDK ones too), "
                + withMonitors + " library classes with a monitor");
    }

    /** The classes of the jars (as LoadAll takes them) with a synchronized method or block. */
    private static long classesWithMonitors(List<String> jars) throws IOException {
        long count = 0;
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (LoadAll.isClass(entry.getName())) {
                        try (InputStream in = file.getInputStream(entry)) {
                            count += hasMonitor(in.readAllBytes()) ? 1 : 0;
                        }
                    }
                }
            }
        }
        return count;
    }

    private static boolean hasMonitor(byte[] bytes) {
        boolean[] found = {false};
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                found[0] |= (access & Opcodes.ACC_SYNCHRONIZED) != 0 && (access & Opcodes.ACC_NATIVE) == 0;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        found[0] |= opcode == Opcodes.MONITORENTER;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
