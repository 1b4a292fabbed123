package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.LockHooks;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code Thread.exit()} calls the thread-exit hook first thing: locks still held are reported. */
final class ThreadExitRewrite extends JdkClassRewrite {
    private static final String THREAD = "java/lang/Thread";

    ThreadExitRewrite() {
        super(THREAD);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        return m.is(THREAD, "exit", "()V") ? HookingMethodVisitor.atStart(mv, m, new int[0], LockHooks.THREAD_EXIT) : mv;
    }
}
