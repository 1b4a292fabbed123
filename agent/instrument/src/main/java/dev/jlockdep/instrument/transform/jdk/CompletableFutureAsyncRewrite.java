package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.TaskHooks;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The tasks behind {@code CompletableFuture.supplyAsync}/{@code runAsync}: known from their creation,
 * and run through a hook that holds their work item, whichever executor runs them (the common pool too).
 */
final class CompletableFutureAsyncRewrite extends JdkClassRewrite {
    private static final String ASYNC_SUPPLY = "java/util/concurrent/CompletableFuture$AsyncSupply";
    private static final String ASYNC_RUN = "java/util/concurrent/CompletableFuture$AsyncRun";

    CompletableFutureAsyncRewrite() {
        super(ASYNC_SUPPLY, ASYNC_RUN);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        if (m.name().equals("<init>")) {
            return HookingMethodVisitor.beforeReturn(mv, m, Opcodes.RETURN, new int[] {0}, TaskHooks.ASYNC_TASK_CREATED);
        }
        if (m.is(ASYNC_SUPPLY, "run", "()V")) {
            return HookingMethodVisitor.replaceCall(mv, m, "java/util/function/Supplier", "get",
                    TaskHooks.RUN_ASYNC_SUPPLIER);
        }
        if (m.is(ASYNC_RUN, "run", "()V")) {
            return HookingMethodVisitor.replaceCall(mv, m, "java/lang/Runnable", "run", TaskHooks.RUN_ASYNC_RUNNABLE);
        }
        return mv;
    }
}
