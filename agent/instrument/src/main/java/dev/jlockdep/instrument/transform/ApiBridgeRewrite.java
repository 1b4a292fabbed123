package dev.jlockdep.instrument.transform;

import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.hooks.Hooks;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Gives the public api ({@code dev.jlockdep.api.Lockdep}, and the kernel models' task context) its
 * meaning: the body of each static method that an api hook stands for (same name and descriptor, see
 * {@link Hooks#standsForApi}) becomes a call to that hook, through the bridge class that every class
 * loader can see. Without the agent the api keeps its own bodies: no-ops with neutral answers, and no
 * dependency on the agent.
 */
public final class ApiBridgeRewrite implements ClassRewrite {
    /** The api classes whose bodies the agent replaces. */
    private static final Set<String> API_CLASSES = Set.of("dev/jlockdep/api/Lockdep",
            "dev/jlockdep/api/kernel/TaskContext");

    @Override
    public boolean matches(String internalName) {
        return API_CLASSES.contains(internalName);
    }

    @Override
    public byte[] rewrite(byte[] classFile, ClassLoader loader, boolean loaded, RewriteContext context) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(RewriteContext.ASM_API, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & Opcodes.ACC_STATIC) == 0 || !Hooks.standsForApi(name, descriptor)) {
                    return mv;
                }
                changed[0] = true;
                writeBridgeBody(mv, new HookRef(name, descriptor), context);
                return null; // the original body is dropped
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    private static void writeBridgeBody(MethodVisitor mv, HookRef hook, RewriteContext context) {
        mv.visitCode();
        int slot = 0;
        for (Type arg : Type.getArgumentTypes(hook.descriptor())) {
            mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
            slot += arg.getSize();
        }
        context.call(mv, hook);
        Type result = Type.getReturnType(hook.descriptor());
        mv.visitInsn(result.getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(Math.max(slot, result.getSize()), slot);
        mv.visitEnd();
    }
}
