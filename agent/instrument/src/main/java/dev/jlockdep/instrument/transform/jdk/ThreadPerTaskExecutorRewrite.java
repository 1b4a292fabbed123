package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.hooks.TaskHooks;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * JDK 21 on, {@code ThreadPerTaskExecutor} (a thread, typically a virtual one, per task:
 * {@code newVirtualThreadPerTaskExecutor}): the pool is made, each task queued and then run on its
 * own thread inside its work item.
 */
final class ThreadPerTaskExecutorRewrite extends JdkClassRewrite {
    private static final String THREAD_PER_TASK = "java/util/concurrent/ThreadPerTaskExecutor";
    private static final String BOUND_FUTURE = THREAD_PER_TASK + "$ThreadBoundFuture";

    ThreadPerTaskExecutorRewrite() {
        super(THREAD_PER_TASK, BOUND_FUTURE);
    }

    @Override
    MethodVisitor method(MethodVisitor mv, Method m) {
        if (m.is(THREAD_PER_TASK, "create")) {
            return HookingMethodVisitor.beforeReturn(mv, m, Opcodes.ARETURN,
                    new int[] {HookingMethodVisitor.DUP_RESULT}, TaskHooks.POOL_CREATED);
        }
        if (m.is(BOUND_FUTURE, "<init>")) { // (executor, callable): taskQueued(executor, this)
            return HookingMethodVisitor.beforeReturn(mv, m, Opcodes.RETURN, new int[] {1, 0}, TaskHooks.TASK_QUEUED);
        }
        if (m.is(BOUND_FUTURE, "run", "()V")) {
            return new HookingMethodVisitor(mv, m) {
                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    boolean run = opcode == Opcodes.INVOKESPECIAL && o.equals("java/util/concurrent/FutureTask")
                            && n.equals("run");
                    int site = run ? registerSite() : 0;
                    if (run) { // FutureTask.run catches what the task throws: the hook after it always runs
                        super.visitInsn(Opcodes.DUP);
                        super.visitLdcInsn(site);
                        hook(TaskHooks.BOUND_TASK_STARTED);
                    }
                    super.visitMethodInsn(opcode, o, n, d, itf);
                    if (run) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitLdcInsn(site);
                        hook(TaskHooks.BOUND_TASK_ENDED);
                    }
                }
            };
        }
        return mv;
    }
}
