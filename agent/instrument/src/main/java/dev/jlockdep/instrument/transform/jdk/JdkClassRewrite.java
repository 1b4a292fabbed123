package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A rewrite of some JDK classes, method by method: each subclass says, for a method of one of its
 * classes, which hooks it gets. The classes are loaded before the agent and retransformed at its start.
 */
abstract class JdkClassRewrite implements ClassRewrite {
    private final Set<String> classes;

    /** @param internalNames the classes it is for, as bytecode names them */
    JdkClassRewrite(String... internalNames) {
        this.classes = Set.of(internalNames);
    }

    @Override
    public final boolean matches(String internalName) {
        return classes.contains(internalName);
    }

    @Override
    public final boolean retransformAtStart() {
        return true;
    }

    @Override
    public final byte[] rewrite(byte[] classFile, ClassLoader loader, boolean loaded, RewriteContext context) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(RewriteContext.ASM_API, writer) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null ? null : method(mv, new Method(owner, name, descriptor, context, () -> changed[0] = true));
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** The visitor for one method: {@code mv} itself to leave it alone, else a {@link HookingMethodVisitor}. */
    abstract MethodVisitor method(MethodVisitor mv, Method m);

    /** The method being rewritten, and what to call once it calls a hook (its class changed). */
    record Method(String owner, String name, String descriptor, RewriteContext context, Runnable changed) {
        boolean is(String owner, String name) {
            return this.owner.equals(owner) && this.name.equals(name);
        }

        boolean is(String owner, String name, String descriptor) {
            return is(owner, name) && this.descriptor.equals(descriptor);
        }
    }
}
