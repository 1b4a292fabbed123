package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.LockHooks;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A virtual thread never runs {@code Thread.exit}: it calls the thread-exit hook when its task is over.
 * Its start calls a hook first, before which the agent's classes are loaded (see {@code AgentClassPreloader}).
 */
final class VirtualThreadRewrite extends JdkClassRewrite {
    private static final String VIRTUAL_THREAD = "java/lang/VirtualThread";

    VirtualThreadRewrite() {
        super(VIRTUAL_THREAD);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        if (m.is(VIRTUAL_THREAD, "start", "(Ljdk/internal/vm/ThreadContainer;)V")) {
            return new HookingMethodVisitor(mv, m) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    hook(LockHooks.VIRTUAL_THREAD_STARTING);
                }
            };
        }
        if (!m.is(VIRTUAL_THREAD, "run", "(Ljava/lang/Runnable;)V")) {
            return mv;
        }
        return new HookingMethodVisitor(mv, m) {
            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                super.visitMethodInsn(opcode, o, n, d, itf);
                // After the task returns (runWith on JDK 25, task.run() before) or its exception is
                // dispatched: the thread's end, still on the thread.
                if (n.equals("runWith") || n.equals("dispatchUncaughtException")
                        || (n.equals("run") && o.equals("java/lang/Runnable"))) {
                    hook(LockHooks.THREAD_EXIT);
                }
            }
        };
    }
}
