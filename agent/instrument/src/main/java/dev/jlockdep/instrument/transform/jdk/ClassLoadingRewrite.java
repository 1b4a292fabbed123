package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.LockHooks;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code ClassLoader.loadClass(String, boolean)}: its {@code synchronized (getClassLoadingLock(name))}
 * tells the validator of the lock and of the loader, before the monitor is entered and before it is
 * left (on the normal path and on the exception path javac writes for the block). The loaders of the
 * JDK itself override the method and are not seen: only the application's class loaders run it.
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
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                    super.visitInsn(Opcodes.DUP); // [lock] -> [lock, lock, loader, site] -> hook -> [lock]
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    pushSite();
                    hook(opcode == Opcodes.MONITORENTER ? LockHooks.CLASS_LOADING_LOCK : LockHooks.CLASS_LOADING_UNLOCK);
                }
                super.visitInsn(opcode);
            }
        };
    }
}
