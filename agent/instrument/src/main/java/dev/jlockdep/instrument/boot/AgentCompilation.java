package dev.jlockdep.instrument.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells HotSpot how to compile the agent's own code, through compiler directives the agent adds to its
 * JVM. On a small machine the JIT is what a program under the agent waits for: on 2 cores, C2 spent 22 s
 * of a 20 s Derby run compiling (13 s without the agent), and the run kept 0.4 of its speed.
 * <ul>
 * <li>The class-file rewriting (its transform packages and the ASM they use) is compiled with C1 only. It
 * runs once per class loaded: C2 spent 1.5 s of start-up compiling it for 3,000 classes of Guava and H2,
 * and on that code C1's output is no slower (the rewrite of those classes, repeated, took 250-300 ms
 * against 335-440 ms).</li>
 * <li>The validator's {@link #COLD cold paths} are never inlined into the hooks, nor into one another:
 * each is compiled once, on its own, instead of into every hook's and slow path's compilation (a chain's
 * first validation inlined 22 KB of bytecode and took C2 2.5 s). The hooks' fast paths stay inlined in
 * their hooks, and the hooks themselves are calls from the code they watch (see {@link BootstrapBridge}).</li>
 * </ul>
 *
 * <p>The directives are added as {@code jcmd PID Compiler.directives_add FILE} would add them, through the
 * JDK's diagnostic-command implementation, opened to the agent: a JVM that has none (not HotSpot) or
 * refuses them compiles as it would by default, which is all that changes. A JVM without C1
 * ({@code -XX:-TieredCompilation}, {@code -XX:CompilationMode=high-only}) gets the second only: the first
 * would leave the rewriting to the interpreter. They match only the agent's classes, so that the
 * program's own compilation is left as it was. A JVM with directives of its own gets none (only the first
 * matching directive applies, and the program's may be meant for every method); a {@code CompileCommand}
 * that inlines or not a method of the agent's no longer applies in the agent's own compilations.
 */
public final class AgentCompilation {
    private static final String MODULE = "jdk.management";
    private static final String PACKAGE = "com.sun.management.internal";
    private static final String CORE = "dev/jlockdep/core/";

    /**
     * The validator's paths that run rarely once a program is warm (first sight of a lock, a new chain,
     * reports, waits and signals, the bookkeeping of sweeps and first holdings), as compiler-directive
     * patterns within the core package: a whole class, or one method (a trailing {@code *} matches a prefix).
     */
    static final List<String> COLD = List.of(
            "ChainValidator.*", "ClassBinder.*", "FreedLocks.*", "FirstHolding.*", "LockGraph.*", "GraphLock.*",
            "ReportFactory.*", "Stacks.*", "WakeUps.*", "EventValidator.*", "ClassInits.*", "InstanceTriage.*",
            "SameClassNesting.*", "MakerRoles.*", "LockClassRegistry.*", "StackTable.*", "ProblemLog.*",
            "SectionRing.*", "Birth.*", "TriageRules.*", "LostSignal.*", "Watchdog.*", "ClassInitWaits.*",
            "InitOrigins.*", "Suppressions.*", "MergedGraph.*", "TopologicalOrder.*", "StableNames.*",
            "WaitsFor.*",
            "Validator.acquireSlow", "Validator.releaseSlow", "Validator.dropHandedOff", "Validator.sweepHeld",
            "Validator.releaseForWait", "Validator.eventWait", "Validator.signal*", "Validator.eventSignal*",
            "Validator.waitBegins", "Validator.retake", "Validator.validateBeforeBlocking", "Validator.created",
            "Validator.constructed", "Validator.leaked", "Validator.badUnlock", "SiteRegistry.atCaller",
            "SiteRegistry.atCall", "HeldLocks.calledAt", "HeldLocks.removeAt", "Binding.taken", "HeldLocks.newContext",
            "HeldLocks$Entry.endFirstHolding", "ThreadStates.currentSlow");

    private AgentCompilation() {
    }

    /** The directives, as the JSON that {@code Compiler.directives_add} reads; the first only with C1. */
    static String directives(boolean c1) {
        String cold = COLD.stream().map(p -> "\"-" + CORE + p + "\"").collect(Collectors.joining(", "));
        String rewriting = "{ match: [\"dev/jlockdep/instrument/transform/*.*\", \"dev/jlockdep/shaded/bytebuddy/jar/asm/*.*\"],"
                + " c2: { Exclude: true } },\n ";
        return "[" + (c1 ? rewriting : "") + "{ match: [\"dev/jlockdep/*.*\", \"java/lang/$JLockdep.*\"], inline: ["
                + cold + "] }]\n";
    }

    /** Opens the diagnostic commands to the agent, if this JVM has them; on the starting thread. */
    public static void open(Instrumentation inst) {
        Optional<Module> management = ModuleLayer.boot().findModule(MODULE);
        if (management.isPresent() && management.get().getPackages().contains(PACKAGE)) {
            inst.redefineModule(management.get(), Set.of(), Map.of(), Map.of(PACKAGE,
                    Set.of(AgentCompilation.class.getModule())), Set.of(), Map.of());
        }
    }

    /**
     * Adds the directives, from a file in {@code dir} (deleted after); whether the JVM took them. Any
     * failure leaves compilation as it was.
     */
    public static boolean apply(Path dir) {
        Path file = dir.resolve("compilation.json");
        try {
            // Initialising the platform's MBean provider loads the commands' native library.
            Class.forName(PACKAGE + ".PlatformMBeanProviderImpl");
            Class<?> commands = Class.forName(PACKAGE + ".DiagnosticCommandImpl");
            Method instance = commands.getDeclaredMethod("getDiagnosticCommandMBean");
            instance.setAccessible(true);
            Method execute = commands.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            Object diagnostics = instance.invoke(null);
            // The first matching directive is the only one that applies: one of the program's own that
            // matches the agent's classes (a C2 exclusion everywhere, say) must keep applying to them.
            String present = String.valueOf(execute.invoke(diagnostics, "Compiler.directives_print"));
            if (present.indexOf("Directive:") != present.lastIndexOf("Directive:")) {
                return false;
            }
            // Without C1 the rewriting would be left to the interpreter: C2 keeps it.
            String flags = String.valueOf(execute.invoke(diagnostics, "VM.flags"));
            boolean c1 = !flags.contains("-XX:-TieredCompilation") && !flags.contains("CompilationMode=high-only");
            Files.writeString(file, directives(c1), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Object said = execute.invoke(diagnostics, "Compiler.directives_add " + file);
            return String.valueOf(said).contains((c1 ? 2 : 1) + " compiler directives added");
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
