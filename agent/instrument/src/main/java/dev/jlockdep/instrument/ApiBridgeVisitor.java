package dev.jlockdep.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Gives the public api ({@code dev.jlockdep.api.Lockdep}) its meaning: each static method of it that
 * has a hook of the same name in {@link ApiHooks} calls that hook with its arguments first thing. The
 * api itself stays a no-op library with no dependency on the agent.
 */
final class ApiBridgeVisitor extends ClassVisitor {
    static final String API_CLASS = "dev/jlockdep/api/Lockdep";
    private static final String API_HOOKS = BootstrapBridge.NAME;

    private boolean changed;

    ApiBridgeVisitor(ClassVisitor next) {
        super(LockClassVisitor.ASM_API, next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        String hookDescriptor = Type.getMethodDescriptor(Type.VOID_TYPE, Type.getArgumentTypes(descriptor));
        if ((access & Opcodes.ACC_STATIC) == 0 || !ApiHooks.has(name, hookDescriptor)) {
            return mv;
        }
        changed = true;
        return new MethodVisitor(LockClassVisitor.ASM_API, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                int slot = 0;
                for (Type arg : Type.getArgumentTypes(descriptor)) {
                    super.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
                    slot += arg.getSize();
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, API_HOOKS, name, hookDescriptor, false);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, maxLocals + 1), maxLocals);
            }
        };
    }

    boolean changed() {
        return changed;
    }
}
