package dev.jlockdep.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Gives the public api ({@code dev.jlockdep.api.Lockdep}) its meaning: the body of each static method
 * that has a hook of the same name and descriptor in {@link ApiHooks} becomes a call to that hook
 * (through the bridge class, which every class loader can see). Without the agent the api keeps its
 * own bodies: no-ops with neutral answers, and no dependency on the agent.
 */
final class ApiBridgeVisitor extends ClassVisitor {
    static final String API_CLASS = "dev/jlockdep/api/Lockdep";

    private boolean changed;

    ApiBridgeVisitor(ClassVisitor next) {
        super(LockClassVisitor.ASM_API, next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if ((access & Opcodes.ACC_STATIC) == 0 || !ApiHooks.has(name, descriptor)) {
            return mv;
        }
        changed = true;
        writeBridgeBody(mv, name, descriptor);
        return null; // the original body is dropped
    }

    private static void writeBridgeBody(MethodVisitor mv, String name, String descriptor) {
        mv.visitCode();
        int slot = 0;
        for (Type arg : Type.getArgumentTypes(descriptor)) {
            mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
            slot += arg.getSize();
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BootstrapBridge.NAME, name, descriptor, false);
        mv.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(Math.max(slot, Type.getReturnType(descriptor).getSize()), slot);
        mv.visitEnd();
    }

    boolean changed() {
        return changed;
    }
}
