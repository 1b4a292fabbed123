package dev.jlockdep.instrument.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Has HotSpot compile the agent's class-file rewriting (its transform packages and the ASM they use)
 * with C1 only, through a compiler directive the agent adds to its own JVM. That code runs once per
 * class loaded: C2 would spend one of a small machine's cores for seconds of start-up compiling it (1.5 s
 * of C2 time on 3,000 classes of Guava and H2), and on that code C1's output is no slower (the rewrite
 * of those classes, repeated, took 250-300 ms against 335-440 ms). The hooks and the validator, which run
 * at each lock operation, stay C2's.
 *
 * <p>The directive is added as {@code jcmd PID Compiler.directives_add FILE} would add it, through the
 * JDK's diagnostic-command implementation, opened to the agent: a JVM that has none (not HotSpot) or
 * refuses it runs the rewriting as compiled by default, which is all that changes; so does one without
 * C1 ({@code -XX:-TieredCompilation}), whose rewriting the directive would leave to the interpreter.
 */
public final class RewriteCompilation {
    private static final String MODULE = "jdk.management";
    private static final String PACKAGE = "com.sun.management.internal";
    private static final String DIRECTIVE = "[{ match: [\"dev/jlockdep/instrument/transform/*.*\","
            + " \"dev/jlockdep/shaded/bytebuddy/jar/asm/*.*\"], c2: { Exclude: true } }]\n";

    private RewriteCompilation() {
    }

    /** Opens the diagnostic commands to the agent, if this JVM has them; on the starting thread. */
    public static void open(Instrumentation inst) {
        Optional<Module> management = ModuleLayer.boot().findModule(MODULE);
        if (management.isPresent() && management.get().getPackages().contains(PACKAGE)) {
            inst.redefineModule(management.get(), Set.of(), Map.of(), Map.of(PACKAGE,
                    Set.of(RewriteCompilation.class.getModule())), Set.of(), Map.of());
        }
    }

    /**
     * Adds the directive, from a file in {@code dir} (deleted after); whether the JVM took it. Any
     * failure leaves compilation as it was.
     */
    public static boolean apply(Path dir) {
        Path file = dir.resolve("c1-rewrite.json");
        try {
            // Initialising the platform's MBean provider loads the commands' native library.
            Class.forName(PACKAGE + ".PlatformMBeanProviderImpl");
            Class<?> commands = Class.forName(PACKAGE + ".DiagnosticCommandImpl");
            Method instance = commands.getDeclaredMethod("getDiagnosticCommandMBean");
            instance.setAccessible(true);
            Method execute = commands.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            Object diagnostics = instance.invoke(null);
            if (String.valueOf(execute.invoke(diagnostics, "VM.flags")).contains("-XX:-TieredCompilation")) {
                return false; // no C1: the rewriting would be left to the interpreter
            }
            Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Object said = execute.invoke(diagnostics, "Compiler.directives_add " + file);
            return String.valueOf(said).contains("1 compiler directives added");
        } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a file left in the agent's private directory, which goes with it
            }
        }
    }
}
