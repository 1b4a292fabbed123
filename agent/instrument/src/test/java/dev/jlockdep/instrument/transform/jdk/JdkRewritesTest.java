package dev.jlockdep.instrument.transform.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.LockTypes;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Each JDK rewrite on the JDK's own class file (the one this JVM runs): which methods call which hooks.
 * Those the build's JDK lacks (JDK 21's) are checked end to end on Temurin 25.
 */
class JdkRewritesTest {
    private static final String HOOKS = "test/Hooks";
    private final SiteRegistry sites = new SiteRegistry();
    private final RewriteContext context = new RewriteContext(sites, new LockTypes(), HOOKS, false);

    private static ClassRewrite rewriteFor(String internalName) {
        return JdkRewrites.ALL.stream().filter(r -> r.matches(internalName)).findFirst().orElse(null);
    }

    /** The hooks each method of the rewritten class calls, by method name. */
    private Map<String, Set<String>> hooksCalled(String internalName) throws IOException {
        byte[] original;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            original = in.readAllBytes();
        }
        ClassRewrite rewrite = rewriteFor(internalName);
        assertTrue(rewrite.retransformAtStart(), "loaded before the agent: retransformed");
        byte[] rewritten = rewrite.rewrite(original, null, true, context);
        assertNotNull(rewritten, internalName + " unchanged");
        Map<String, Set<String>> calls = new TreeMap<>();
        new ClassReader(rewritten).accept(new ClassVisitor(RewriteContext.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(RewriteContext.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String hook, String desc, boolean itf) {
                        if (owner.equals(HOOKS)) {
                            assertEquals(Opcodes.INVOKESTATIC, opcode);
                            calls.computeIfAbsent(name, k -> new TreeSet<>()).add(hook);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void aThreadPoolSaysWhenItIsMadeWhenATaskIsQueuedAndRunsEachThroughAHook() throws IOException {
        assertEquals(Map.of("<init>", Set.of("poolCreated"), "execute", Set.of("taskQueued"),
                "runWorker", Set.of("runTask")), hooksCalled("java/util/concurrent/ThreadPoolExecutor"));
        assertEquals(Map.of("delayedExecute", Set.of("taskQueued")),
                hooksCalled("java/util/concurrent/ScheduledThreadPoolExecutor"));
    }

    @Test
    void invokeAllAndInvokeAnyWaitForTheirTasksAtTheApplicationsCall() throws IOException {
        assertEquals(Map.of("invokeAll", Set.of("awaitTask"), "doInvokeAny", Set.of("awaitTask")),
                hooksCalled("java/util/concurrent/AbstractExecutorService"));
        assertTrue(sites.isPrimitive("java.util.concurrent.AbstractExecutorService", "invokeAll"));
    }

    @Test
    void completableFuturesAsyncTasksAreKnownFromTheirCreationAndRunThroughAHook() throws IOException {
        assertEquals(Map.of("<init>", Set.of("asyncTaskCreated"), "run", Set.of("runAsyncSupplier")),
                hooksCalled("java/util/concurrent/CompletableFuture$AsyncSupply"));
        assertEquals(Map.of("<init>", Set.of("asyncTaskCreated"), "run", Set.of("runAsyncRunnable")),
                hooksCalled("java/util/concurrent/CompletableFuture$AsyncRun"));
    }

    @Test
    void aThreadsEndAndTheJdksSynchronizedClassesMonitors() throws IOException {
        assertEquals(Map.of("exit", Set.of("threadExit")), hooksCalled("java/lang/Thread"));
        Map<String, Set<String>> vector = hooksCalled("java/util/Vector");
        assertEquals(Set.of("monitorEnter", "monitorExit"), vector.get("addElement"));
        assertEquals(Set.of("monitorEnter", "monitorExit"), vector.get("containsAll"));
        assertEquals(Set.of("maybeSynchronizedCall"), vector.get("<init>"),
                "the collection it copies may be synchronized; no other call site or new lock of the JDK's own is rewritten");
        Map<String, Set<String>> hashtable = hooksCalled("java/util/Hashtable");
        assertEquals(Set.of("monitorEnter", "monitorExit", "synchronizedCall", "maybeSynchronizedCall"), hashtable.get("equals"),
                "its own size() and the other map's size() and get() are validated before they may block");
    }

    @Test
    void everyJdkClassHasOneRewriteAtMost() {
        for (String c : new String[] {"java/util/Vector", "java/lang/Thread", "java/lang/VirtualThread",
                "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ThreadPerTaskExecutor",
                "java/util/concurrent/ThreadPerTaskExecutor$ThreadBoundFuture"}) {
            assertEquals(1, JdkRewrites.ALL.stream().filter(r -> r.matches(c)).count(), c);
        }
        assertNull(rewriteFor("java/util/ArrayList"));
    }
}
