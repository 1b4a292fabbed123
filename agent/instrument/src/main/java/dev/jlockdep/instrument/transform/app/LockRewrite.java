package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.Set;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Monitors and synchronized methods, with (for the application's classes) lock call sites and new
 * locks: see {@link LockMethodVisitor}. The JDK's synchronized classes get the monitors only: inside
 * the JDK a field says nothing useful, and its lock call sites are its own business.
 */
public final class LockRewrite implements ClassRewrite {
    private static final Set<String> MONITOR_EVENT_CALLS = Set.of("wait()V", "wait(J)V", "wait(JI)V", "notify()V",
            "notifyAll()V");

    private final boolean callSites;
    private final Predicate<String> classes;
    private final boolean retransformAtStart;
    private final WrapperScans wrapperScans = new WrapperScans();

    private LockRewrite(boolean callSites, Predicate<String> classes, boolean retransformAtStart) {
        this.callSites = callSites;
        this.classes = classes;
        this.retransformAtStart = retransformAtStart;
    }

    /** For every class the filter admits as the application's. */
    public static LockRewrite application() {
        return new LockRewrite(true, name -> true, false);
    }

    /** For these JDK classes, loaded before the agent: their monitors only. */
    public static LockRewrite monitorsOf(Set<String> jdkClasses) {
        return new LockRewrite(false, jdkClasses::contains, true);
    }

    @Override
    public boolean matches(String internalName) {
        return classes.test(internalName);
    }

    @Override
    public boolean retransformAtStart() {
        return retransformAtStart;
    }

    @Override
    public byte[] rewrite(byte[] classFile, ClassLoader loader, RewriteContext context) {
        ClassReader reader = new ClassReader(classFile);
        WrapperScan wrappers = callSites ? WrapperScan.of(reader, context.lockTypes(), loader) : WrapperScan.NONE;
        wrapperScans.put(loader, reader.getClassName(), wrappers);
        boolean waitsOrNotifies = callSites && waitsOrNotifies(reader);
        LockClassVisitor visitor = rewrite(reader, loader, context, wrappers, waitsOrNotifies, Set.of());
        if (!visitor.unsafeSynchronizedMethods().isEmpty()) {
            // A synchronized method that overwrites 'this' cannot get the exit handler that reloads it:
            // instrument the class again without touching those methods.
            visitor = rewrite(reader, loader, context, wrappers, waitsOrNotifies, visitor.unsafeSynchronizedMethods());
        }
        return visitor.changed() ? visitor.bytes() : null;
    }

    private LockClassVisitor rewrite(ClassReader reader, ClassLoader loader, RewriteContext context,
                                     WrapperScan wrappers, boolean waitsOrNotifies, Set<String> leaveSynchronizedAlone) {
        ClassWriter writer = new ClassWriter(reader, 0);
        LockClassVisitor visitor = new LockClassVisitor(writer, callSites, context, loader, wrappers,
                wrapperScans, waitsOrNotifies, leaveSynchronizedAlone);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor;
    }

    /** Whether any method of the class calls {@code wait} or {@code notify}: its monitors may be events. */
    private static boolean waitsOrNotifies(ClassReader reader) {
        boolean[] found = {false};
        reader.accept(new ClassVisitor(RewriteContext.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return found[0] ? null : new MethodVisitor(RewriteContext.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if (opcode == Opcodes.INVOKEVIRTUAL && MONITOR_EVENT_CALLS.contains(n + d)) {
                            found[0] = true;
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
