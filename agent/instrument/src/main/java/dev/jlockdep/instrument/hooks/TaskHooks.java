package dev.jlockdep.instrument.hooks;

import dev.jlockdep.instrument.juc.WorkqueueModel;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Thread pools, their tasks and the waits for them, as workqueues and work items (see {@link WorkqueueModel}). */
public final class TaskHooks {
    public static final HookRef POOL_CREATED = HookRef.of(TaskHooks.class, "poolCreated", Object.class);
    public static final HookRef TASK_QUEUED = HookRef.of(TaskHooks.class, "taskQueued", Object.class, Object.class);
    public static final HookRef RUN_TASK = HookRef.of(TaskHooks.class, "runTask", Runnable.class, Object.class,
            int.class);
    public static final HookRef BOUND_TASK_STARTED = HookRef.of(TaskHooks.class, "boundTaskStarted", Object.class,
            int.class);
    public static final HookRef BOUND_TASK_ENDED = HookRef.of(TaskHooks.class, "boundTaskEnded", Object.class,
            int.class);
    public static final HookRef ASYNC_TASK_CREATED = HookRef.of(TaskHooks.class, "asyncTaskCreated", Object.class);
    public static final HookRef RUN_ASYNC_SUPPLIER = HookRef.of(TaskHooks.class, "runAsyncSupplier", Supplier.class,
            Object.class, int.class);
    public static final HookRef RUN_ASYNC_RUNNABLE = HookRef.of(TaskHooks.class, "runAsyncRunnable", Runnable.class,
            Object.class, int.class);
    public static final HookRef AWAIT_TASK = HookRef.of(TaskHooks.class, "awaitTask", Object.class, int.class);
    public static final HookRef SCOPE_FORK = HookRef.of(TaskHooks.class, "scopeFork", Object.class, Object.class,
            int.class);
    public static final HookRef SCOPE_JOIN = HookRef.of(TaskHooks.class, "scopeJoin", Object.class, int.class);

    private TaskHooks() {
    }

    /** At the end of {@code ThreadPoolExecutor}'s constructor (and {@code ThreadPerTaskExecutor.create}). */
    @Hook
    public static void poolCreated(Object pool) {
        HookRuntime.guardPools(m -> m.poolCreated(pool));
    }

    /** At the start of {@code ThreadPoolExecutor.execute} (and where other pools queue a task). */
    @Hook
    public static void taskQueued(Object pool, Object task) {
        HookRuntime.guardPools(m -> m.taskQueued(pool, task));
    }

    /** Replaces {@code task.run()} in {@code ThreadPoolExecutor.runWorker}. */
    @Hook
    public static void runTask(Runnable task, Object pool, int site) {
        boolean started = HookRuntime.guardPools(m -> m.taskStarted(pool, task, site));
        try {
            task.run();
        } finally {
            if (started) {
                HookRuntime.guardPools(m -> m.taskEnded(site));
            }
        }
    }

    /** Before {@code FutureTask.run} in a {@code ThreadPerTaskExecutor}'s task. */
    @Hook
    public static void boundTaskStarted(Object task, int site) {
        HookRuntime.guardPools(m -> m.boundTaskStarted(task, site));
    }

    /** After it (FutureTask.run catches what the task throws). */
    @Hook
    public static void boundTaskEnded(Object task, int site) {
        HookRuntime.guardPools(m -> m.boundTaskEnded(site));
    }

    /** At the end of the constructor of a {@code CompletableFuture} async task. */
    @Hook
    public static void asyncTaskCreated(Object task) {
        HookRuntime.guardPools(m -> m.asyncTaskCreated(task));
    }

    /** Replaces {@code fn.get()} in {@code CompletableFuture.AsyncSupply.run}. */
    @Hook
    public static Object runAsyncSupplier(Supplier<?> fn, Object task, int site) {
        boolean started = HookRuntime.guardPools(m -> m.asyncTaskStarted(task, site));
        try {
            return fn.get();
        } finally {
            if (started) {
                HookRuntime.guardPools(m -> m.asyncTaskEnded(site));
            }
        }
    }

    /** Replaces {@code fn.run()} in {@code CompletableFuture.AsyncRun.run}. */
    @Hook
    public static void runAsyncRunnable(Runnable fn, Object task, int site) {
        boolean started = HookRuntime.guardPools(m -> m.asyncTaskStarted(task, site));
        try {
            fn.run();
        } finally {
            if (started) {
                HookRuntime.guardPools(m -> m.asyncTaskEnded(site));
            }
        }
    }

    /** Before {@code future.get()} or {@code join()}. */
    @Hook
    public static void awaitTask(Object future, int site) {
        if (future != null) {
            HookRuntime.guardPools(m -> m.awaitTask(future, site));
        }
    }

    /** Before {@code scope.fork(task)}: the task the scope gets instead, which holds its work item while it runs. */
    @Hook
    public static Object scopeFork(Object scope, Object task, int site) {
        if (scope == null || !(task instanceof Callable<?> || task instanceof Runnable)) {
            return task;
        }
        return HookRuntime.guardPools(m -> m.forked(scope, task, site), task);
    }

    /** Before {@code scope.join()}: a wait for each subtask forked in the scope. */
    @Hook
    public static void scopeJoin(Object scope, int site) {
        if (scope != null) {
            HookRuntime.guardPools(m -> m.scopeJoined(scope, site));
        }
    }
}
