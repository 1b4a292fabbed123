package dev.jlockdep.instrument;

import dev.jlockdep.core.Frame;
import dev.jlockdep.core.Site;
import dev.jlockdep.core.SiteRegistry;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Teaches the JDK's thread pools the kernel's workqueue annotations ({@link ExecutorTracker} does the
 * rest): {@code ThreadPoolExecutor} tells the agent when a pool is made and a task queued (so does
 * {@code ScheduledThreadPoolExecutor}, which queues without {@code execute}), and runs each
 * task through a hook that holds the pool's and the task's pseudo-locks; {@code AbstractExecutorService}
 * has its waits in {@code invokeAll}/{@code invokeAny} recorded, at the application's call; the tasks
 * behind {@code CompletableFuture.supplyAsync}/{@code runAsync} are known from their creation and run
 * their function through a hook, whichever executor runs them (the common pool included); so are the
 * tasks of a {@code ThreadPerTaskExecutor} (JDK 21 on: {@code newVirtualThreadPerTaskExecutor}). A
 * virtual thread, which never runs {@code Thread.exit}, calls the thread-exit hook when its task is over.
 */
final class ExecutorVisitor extends ClassVisitor {
    static final String POOL = "java/util/concurrent/ThreadPoolExecutor";
    static final String SCHEDULED_POOL = "java/util/concurrent/ScheduledThreadPoolExecutor";
    static final String EXECUTOR_SERVICE = "java/util/concurrent/AbstractExecutorService";
    /** JDK 21 on: a thread (a virtual one, typically) per task. */
    static final String THREAD_PER_TASK = "java/util/concurrent/ThreadPerTaskExecutor";
    static final String BOUND_FUTURE = THREAD_PER_TASK + "$ThreadBoundFuture";
    static final String ASYNC_SUPPLY = "java/util/concurrent/CompletableFuture$AsyncSupply";
    static final String ASYNC_RUN = "java/util/concurrent/CompletableFuture$AsyncRun";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    private static final String FUTURE = "java/util/concurrent/Future";
    /** The constructor every other one delegates to. */
    private static final String FULL_CONSTRUCTOR = "(IIJLjava/util/concurrent/TimeUnit;Ljava/util/concurrent/BlockingQueue;"
            + "Ljava/util/concurrent/ThreadFactory;Ljava/util/concurrent/RejectedExecutionHandler;)V";

    private final SiteRegistry sites;
    private String owner;
    private boolean changed;

    ExecutorVisitor(ClassVisitor next, SiteRegistry sites) {
        super(LockClassVisitor.ASM_API, next);
        this.sites = sites;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (owner.equals(POOL) && name.equals("<init>") && descriptor.equals(FULL_CONSTRUCTOR)) {
            return beforeReturn(mv, name, Opcodes.RETURN, new int[] {0}, "poolCreated", "(Ljava/lang/Object;)V");
        }
        if (owner.equals(POOL) && name.equals("execute") && descriptor.equals("(Ljava/lang/Runnable;)V")
                || owner.equals(SCHEDULED_POOL) && name.equals("delayedExecute")) {
            return new Rewriter(mv, name) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    hook("taskQueued", "(Ljava/lang/Object;Ljava/lang/Object;)V");
                }
            };
        }
        if (owner.equals(POOL) && name.equals("runWorker")) {
            return replaceCall(mv, name, "java/lang/Runnable", "run", "runTask", "(Ljava/lang/Runnable;Ljava/lang/Object;I)V");
        }
        if (owner.equals(EXECUTOR_SERVICE) && (name.equals("invokeAll")
                && descriptor.equals("(Ljava/util/Collection;)Ljava/util/List;")
                || name.equals("invokeAny") || name.equals("doInvokeAny"))) {
            sites.markPrimitive(owner.replace('/', '.'), name);
            return new Rewriter(mv, name) {
                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    // invokeAll waits for every task, but calls get() only on those not done yet: its
                    // isDone() is the wait too, so that a run does not depend on timing.
                    if (o.equals(FUTURE) && (n.equals("get") && d.equals("()Ljava/lang/Object;")
                            || name.equals("invokeAll") && n.equals("isDone") && d.equals("()Z"))) {
                        super.visitInsn(Opcodes.DUP);
                        super.visitLdcInsn(-registerSite()); // a primitive's site: recorded at the caller
                        hook("awaitTask", "(Ljava/lang/Object;I)V");
                    }
                    super.visitMethodInsn(opcode, o, n, d, itf);
                }
            };
        }
        if (owner.equals(THREAD_PER_TASK) && name.equals("create")) {
            return beforeReturn(mv, name, Opcodes.ARETURN, new int[] {DUP_RESULT}, "poolCreated", "(Ljava/lang/Object;)V");
        }
        if (owner.equals(BOUND_FUTURE) && name.equals("<init>")) { // (executor, callable): taskQueued(executor, this)
            return beforeReturn(mv, name, Opcodes.RETURN, new int[] {1, 0}, "taskQueued",
                    "(Ljava/lang/Object;Ljava/lang/Object;)V");
        }
        if (owner.equals(BOUND_FUTURE) && name.equals("run") && descriptor.equals("()V")) {
            return new Rewriter(mv, name) {
                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    boolean run = opcode == Opcodes.INVOKESPECIAL && o.equals("java/util/concurrent/FutureTask")
                            && n.equals("run");
                    int site = run ? registerSite() : 0;
                    if (run) { // FutureTask.run catches what the task throws: the hook after it always runs
                        super.visitInsn(Opcodes.DUP);
                        super.visitLdcInsn(site);
                        hook("boundTaskStarted", "(Ljava/lang/Object;I)V");
                    }
                    super.visitMethodInsn(opcode, o, n, d, itf);
                    if (run) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitLdcInsn(site);
                        hook("boundTaskEnded", "(Ljava/lang/Object;I)V");
                    }
                }
            };
        }
        if ((owner.equals(ASYNC_SUPPLY) || owner.equals(ASYNC_RUN)) && name.equals("<init>")) {
            return beforeReturn(mv, name, Opcodes.RETURN, new int[] {0}, "asyncTaskCreated", "(Ljava/lang/Object;)V");
        }
        if (owner.equals(ASYNC_SUPPLY) && name.equals("run") && descriptor.equals("()V")) {
            return replaceCall(mv, name, "java/util/function/Supplier", "get", "runAsyncSupplier",
                    "(Ljava/util/function/Supplier;Ljava/lang/Object;I)Ljava/lang/Object;");
        }
        if (owner.equals(ASYNC_RUN) && name.equals("run") && descriptor.equals("()V")) {
            return replaceCall(mv, name, "java/lang/Runnable", "run", "runAsyncRunnable",
                    "(Ljava/lang/Runnable;Ljava/lang/Object;I)V");
        }
        if (owner.equals(VIRTUAL_THREAD) && name.equals("run") && descriptor.equals("(Ljava/lang/Runnable;)V")) {
            return new Rewriter(mv, name) {
                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    super.visitMethodInsn(opcode, o, n, d, itf);
                    // After the task returns (runWith on JDK 25, task.run() before) or its exception is
                    // dispatched: the thread's end, still on the thread.
                    if (n.equals("runWith") || n.equals("dispatchUncaughtException")
                            || n.equals("run") && o.equals("java/lang/Runnable")) {
                        hook("threadExit", "()V");
                    }
                }
            };
        }
        return mv;
    }

    /**
     * Replaces the interface call {@code callOwner.callName} with a hook that makes it: the receiver on
     * the stack, then {@code this} and a site ({@code [fn] -> [fn, this, site] -> hook(fn, this, site)}).
     */
    private MethodVisitor replaceCall(MethodVisitor mv, String method, String callOwner, String callName, String hook,
                                      String descriptor) {
        return new Rewriter(mv, method) {
            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                if (opcode == Opcodes.INVOKEINTERFACE && o.equals(callOwner) && n.equals(callName)) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    pushSite();
                    hook(hook, descriptor);
                    return;
                }
                super.visitMethodInsn(opcode, o, n, d, itf);
            }
        };
    }

    /** In {@link #beforeReturn}'s loads: the value being returned, duplicated. */
    private static final int DUP_RESULT = -1;

    /** Calls {@code hook} before every {@code returnOpcode}, with these locals (or the result) loaded. */
    private MethodVisitor beforeReturn(MethodVisitor mv, String method, int returnOpcode, int[] loads, String hook,
                                       String descriptor) {
        return new Rewriter(mv, method) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == returnOpcode) {
                    for (int local : loads) {
                        if (local == DUP_RESULT) {
                            super.visitInsn(Opcodes.DUP);
                        } else {
                            super.visitVarInsn(Opcodes.ALOAD, local);
                        }
                    }
                    hook(hook, descriptor);
                }
                super.visitInsn(opcode);
            }
        };
    }

    boolean changed() {
        return changed;
    }

    /** A method visitor that calls hooks, with room on the stack for their arguments. */
    private class Rewriter extends MethodVisitor {
        private final String method;
        private int line = -1;

        Rewriter(MethodVisitor mv, String method) {
            super(LockClassVisitor.ASM_API, mv);
            this.method = method;
        }

        @Override
        public void visitLineNumber(int line, net.bytebuddy.jar.asm.Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        int registerSite() {
            String file = owner.substring(owner.lastIndexOf('/') + 1) + ".java";
            return sites.register(new Site(new Frame(owner.replace('/', '.'), method, file, line), null, null, false));
        }

        void pushSite() {
            super.visitLdcInsn(registerSite());
        }

        void hook(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, LockMethodVisitor.HOOKS, name, descriptor, false);
            changed = true;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 3, maxLocals);
        }
    }
}
