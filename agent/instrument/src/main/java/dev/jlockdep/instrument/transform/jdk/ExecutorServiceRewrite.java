package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.TaskHooks;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code AbstractExecutorService}'s waits in {@code invokeAll}/{@code invokeAny}: each is a wait for a
 * task, recorded at the application's call (the methods are marked as lock primitives).
 */
final class ExecutorServiceRewrite extends JdkClassRewrite {
    private static final String EXECUTOR_SERVICE = "java/util/concurrent/AbstractExecutorService";
    private static final String FUTURE = "java/util/concurrent/Future";

    ExecutorServiceRewrite() {
        super(EXECUTOR_SERVICE);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        boolean invokeAll = m.is(EXECUTOR_SERVICE, "invokeAll", "(Ljava/util/Collection;)Ljava/util/List;");
        if (!invokeAll && !m.is(EXECUTOR_SERVICE, "invokeAny") && !m.is(EXECUTOR_SERVICE, "doInvokeAny")) {
            return mv;
        }
        m.context().sites().markPrimitive(m.owner().replace('/', '.'), m.name());
        return new HookingMethodVisitor(mv, m) {
            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                // invokeAll waits for every task, but calls get() only on those not done yet: its
                // isDone() is the wait too, so that a run does not depend on timing.
                if (o.equals(FUTURE) && ((n.equals("get") && d.equals("()Ljava/lang/Object;"))
                        || (invokeAll && n.equals("isDone") && d.equals("()Z")))) {
                    super.visitInsn(Opcodes.DUP);
                    super.visitLdcInsn(-registerSite()); // a primitive's site: recorded at the caller
                    hook(TaskHooks.AWAIT_TASK);
                }
                super.visitMethodInsn(opcode, o, n, d, itf);
            }
        };
    }
}
