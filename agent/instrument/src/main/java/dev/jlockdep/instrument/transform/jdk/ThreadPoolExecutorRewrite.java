package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.TaskHooks;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code ThreadPoolExecutor} tells the agent when a pool is made and a task queued (so does
 * {@code ScheduledThreadPoolExecutor}, which queues without {@code execute}), and runs each task through
 * a hook that holds the pool's and the task's pseudo-locks: the kernel's workqueue annotations.
 */
final class ThreadPoolExecutorRewrite extends JdkClassRewrite {
    private static final String POOL = "java/util/concurrent/ThreadPoolExecutor";
    private static final String SCHEDULED_POOL = "java/util/concurrent/ScheduledThreadPoolExecutor";
    /** The constructor every other one delegates to. */
    private static final String FULL_CONSTRUCTOR = "(IIJLjava/util/concurrent/TimeUnit;"
            + "Ljava/util/concurrent/BlockingQueue;Ljava/util/concurrent/ThreadFactory;"
            + "Ljava/util/concurrent/RejectedExecutionHandler;)V";

    ThreadPoolExecutorRewrite() {
        super(POOL, SCHEDULED_POOL);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        if (m.is(POOL, "<init>", FULL_CONSTRUCTOR)) {
            return HookingMethodVisitor.beforeReturn(mv, m, Opcodes.RETURN, new int[] {0}, TaskHooks.POOL_CREATED);
        }
        if (m.is(POOL, "execute", "(Ljava/lang/Runnable;)V") || m.is(SCHEDULED_POOL, "delayedExecute")) {
            return HookingMethodVisitor.atStart(mv, m, new int[] {0, 1}, TaskHooks.TASK_QUEUED);
        }
        if (m.is(POOL, "runWorker")) {
            return HookingMethodVisitor.replaceCall(mv, m, "java/lang/Runnable", "run", TaskHooks.RUN_TASK);
        }
        return mv;
    }
}
