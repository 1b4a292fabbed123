package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.LockHooks;
import dev.jlockdep.instrument.transform.CatchAllRanges;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code ClassLoader.loadClass(String, boolean)}: its {@code synchronized (getClassLoadingLock(name))}
 * tells the validator of the lock and of the loader, before the monitor is entered and before it is
 * left (on the normal path; on the exception path javac writes for the block, just after it is left: see
 * {@link CatchAllRanges}). The loaders of the JDK itself override the method and are not seen: only the
 * application's class loaders run it.
 */
final class ClassLoadingRewrite extends JdkClassRewrite {
    private static final String CLASS_LOADER = "java/lang/ClassLoader";

    ClassLoadingRewrite() {
        super(CLASS_LOADER);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        if (!m.is(CLASS_LOADER, "loadClass", "(Ljava/lang/String;Z)Ljava/lang/Class;")) {
            return mv;
        }
        return new HookingMethodVisitor(mv, m) {
            private final CatchAllRanges catchAll = new CatchAllRanges();

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                super.visitTryCatchBlock(start, catchAll.end(start, end, handler, type), handler, type);
            }

            @Override
            public void visitLabel(Label label) {
                catchAll.reached(label, mv);
                super.visitLabel(label);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITOREXIT) { // [lock] -> [lock, lock] -> [lock, lock, loader, site] -> hook
                    catchAll.monitorExit(mv, () -> {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        pushSite();
                        hook(LockHooks.CLASS_LOADING_UNLOCK);
                    });
                    return;
                }
                if (opcode == Opcodes.MONITORENTER) {
                    super.visitInsn(Opcodes.DUP); // [lock] -> [lock, lock, loader, site] -> hook -> [lock]
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    pushSite();
                    hook(LockHooks.CLASS_LOADING_LOCK);
                }
                super.visitInsn(opcode);
            }
        };
    }
}
