package dev.jlockdep.instrument;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Thread pools and their tasks as the kernel's lockdep sees workqueues and work items: each pool has a
 * pseudo-lock {@code (wq_completion)NAME}, each task is a pseudo-lock {@code (work_completion)NAME}
 * (classed by what it runs), a worker holds both while it runs the task, and waiting for a task's
 * future touches the task's (and, from inside a bounded pool, the pool's, as a flush from inside a
 * workqueue does: a task waiting for a task of its own pool can starve it). So "hold L, wait for a task
 * that takes L" is a cycle through {@code (work_completion)}, seen whichever of the two ran first.
 *
 * <p>{@code CompletableFuture}'s async tasks are known from their creation, so a join finds them
 * whatever executor runs them; on a {@code ForkJoinPool} their worker holds the pool's map too, which a
 * join never touches (a joining worker helps run the tasks instead of starving the pool).
 *
 * <p>Names: a pool is named after where the application created it ({@code Service.<init>:12}, the
 * common pool {@code ForkJoinPool.commonPool}); a task after its class ({@code com.example.Flush}), or,
 * for a lambda or an anonymous class, after where the application first submitted it
 * ({@code Service.flush:42}).
 */
final class ExecutorTracker {
    /** A pool's pseudo-lock, and whether the pool has a fixed number of workers. */
    private record Pool(Object map, WeakReference<Object> executor) {
        boolean bounded() {
            // A pool that can always start one more worker cannot starve; one that queues can. A
            // ForkJoinPool's joins help instead of waiting.
            return executor.get() instanceof ThreadPoolExecutor tpe && (tpe.getMaximumPoolSize() != Integer.MAX_VALUE
                    || tpe.getQueue().remainingCapacity() != 0);
        }
    }

    private final Validator validator;
    // Guarded by this tracker's monitor (the agent's own monitors are not validated; the JDK's
    // synchronized wrappers would be).
    private final Map<Object, Pool> pools = new WeakHashMap<>();
    /** The pool each queued task went to. */
    private final Map<Object, Pool> taskPools = new WeakHashMap<>();
    /**
     * A CompletableFuture completed by an async task, to that task. The task refers to its future only
     * until it has run (the JDK clears it then), so the entry does not keep its key alive after that.
     */
    private final Map<Object, Object> futureTasks = new WeakHashMap<>();
    private final ClassValue<String> lambdaNames = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return applicationFrame();
        }
    };

    private final Field futureCallable;
    private final Field adapterTask;
    private final Class<?> asyncSupply;
    private final Class<?> asyncRun;
    private final Field supplyFn;
    private final Field supplyDep;
    private final Field runFn;
    private final Field runDep;

    /** The tracker, or null (said in one line) if this JDK's internals are not the ones it knows. */
    static ExecutorTracker create(Validator validator, java.util.function.Consumer<String> log) {
        try {
            return new ExecutorTracker(validator);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("jlockdep: thread pools and futures are not tracked on this JDK (" + e + ")");
            return null;
        }
    }

    private ExecutorTracker(Validator validator) throws ReflectiveOperationException {
        this.validator = validator;
        futureCallable = open(FutureTask.class.getDeclaredField("callable"));
        Class<?> adapter = Class.forName("java.util.concurrent.Executors$RunnableAdapter");
        adapterTask = open(adapter.getDeclaredField("task"));
        asyncSupply = Class.forName("java.util.concurrent.CompletableFuture$AsyncSupply");
        asyncRun = Class.forName("java.util.concurrent.CompletableFuture$AsyncRun");
        supplyFn = open(asyncSupply.getDeclaredField("fn"));
        supplyDep = open(asyncSupply.getDeclaredField("dep"));
        runFn = open(asyncRun.getDeclaredField("fn"));
        runDep = open(asyncRun.getDeclaredField("dep"));
    }

    private static Field open(Field f) {
        f.setAccessible(true);
        return f;
    }

    /** A new pool, named after the application code that made it. */
    void poolCreated(Object executor) {
        if (executor != null) {
            pool(executor);
        }
    }

    private synchronized Pool pool(Object executor) {
        Pool p = pools.get(executor);
        if (p == null) {
            String name = executor == ForkJoinPool.commonPool() ? "ForkJoinPool.commonPool" : applicationFrame();
            if (name == null) {
                name = executor.getClass().getSimpleName();
            }
            Object map = new Object();
            validator.name(map, "pool:" + name, "(wq_completion)" + name, WaitType.NONE);
            p = new Pool(map, new WeakReference<>(executor)); // weak: the map's value must not keep its key
            pools.put(executor, p);
        }
        return p;
    }

    /** {@code execute(task)}: the task becomes a work item of its class, queued on this pool. */
    void taskQueued(Object executor, Object task) throws IllegalAccessException {
        if (executor == null || task == null) {
            return;
        }
        if (!isAsync(task)) { // those were named when made
            String name = workName(payload(task));
            validator.name(task, "work:" + name, "(work_completion)" + name, WaitType.NONE);
            validator.queued(task);
        }
        Pool pool = pool(executor);
        synchronized (this) {
            taskPools.put(task, pool);
        }
    }

    /** A thread-per-task executor's task starts on its own thread: its pool's map and its own are held. */
    void boundTaskStarted(Object task, int site) {
        Pool pool;
        synchronized (this) {
            pool = taskPools.get(task);
        }
        if (pool != null) {
            validator.acquire(pool.map(), site, LockMode.EXCLUSIVE, 0, false);
            validator.acquire(task, site, LockMode.EXCLUSIVE, 0, false);
        }
    }

    void boundTaskEnded(Object task, int site) {
        Pool pool;
        synchronized (this) {
            pool = taskPools.get(task);
        }
        if (pool != null) {
            validator.release(task, site, LockMode.EXCLUSIVE);
            validator.release(pool.map(), site, LockMode.EXCLUSIVE);
        }
    }

    private boolean isAsync(Object task) {
        return asyncSupply.isInstance(task) || asyncRun.isInstance(task);
    }

    /** A {@code CompletableFuture} async task is made: named, and found again from its future. */
    void asyncTaskCreated(Object task) throws IllegalAccessException {
        String name = workName(payload(task));
        validator.name(task, "work:" + name, "(work_completion)" + name, WaitType.NONE);
        validator.queued(task);
        Object future = asyncSupply.isInstance(task) ? supplyDep.get(task) : runDep.get(task);
        synchronized (this) {
            futureTasks.put(future, task);
        }
    }

    /**
     * An async task's function starts: its work map is held, and on a ForkJoinPool's worker the pool's
     * too (a thread pool's worker holds its pool's already). False if it was not tracked.
     */
    boolean asyncTaskStarted(Object task, int site) {
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker) {
            validator.acquire(pool(worker.getPool()).map(), site, LockMode.EXCLUSIVE, 0, false);
        }
        validator.acquire(task, site, LockMode.EXCLUSIVE, 0, false);
        return true;
    }

    void asyncTaskEnded(Object task, int site) {
        validator.release(task, site, LockMode.EXCLUSIVE);
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker) {
            validator.release(pool(worker.getPool()).map(), site, LockMode.EXCLUSIVE);
        }
    }

    /** What a queued task will run: the callable or runnable inside the JDK's own wrappers. */
    private Object payload(Object task) throws IllegalAccessException {
        Object work = task;
        if (work instanceof FutureTask<?>) {
            Object callable = futureCallable.get(work);
            work = callable != null && adapterTask.getDeclaringClass().isInstance(callable) ? adapterTask.get(callable)
                    : callable != null ? callable : work;
        } else if (asyncSupply.isInstance(work)) {
            work = supplyFn.get(work);
        } else if (asyncRun.isInstance(work)) {
            work = runFn.get(work);
        }
        return work;
    }

    private String workName(Object work) {
        Class<?> type = work.getClass();
        if (type.isHidden() || type.isAnonymousClass() || type.isSynthetic()) {
            String site = lambdaNames.get(type);
            // Without an application frame, the lambda's class without its run-dependent suffix.
            return site != null ? site : type.getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda");
        }
        return type.getName();
    }

    /** A worker runs a task: inside its pool's map and its own. */
    void taskStarted(Object executor, Object task, int site) throws IllegalAccessException {
        if (executor instanceof ThreadPoolExecutor tpe) {
            boolean queued;
            synchronized (this) {
                queued = taskPools.containsKey(task);
            }
            if (!queued) { // a scheduled task is queued without execute(): known from its first run
                taskQueued(tpe, task);
            }
            validator.acquire(pool(tpe).map(), site, LockMode.EXCLUSIVE, 0, false);
            if (!isAsync(task)) { // an async task holds its own map around its function
                validator.acquire(task, site, LockMode.EXCLUSIVE, 0, false);
            }
        }
    }

    void taskEnded(Object executor, Object task, int site) {
        if (executor instanceof ThreadPoolExecutor tpe) {
            if (!isAsync(task)) {
                validator.release(task, site, LockMode.EXCLUSIVE);
            }
            validator.release(pool(tpe).map(), site, LockMode.EXCLUSIVE);
        }
    }

    /**
     * {@code future.get()}: a wait for the task behind the future, if a tracked pool runs it; from inside
     * a bounded pool, a wait on the pool too when the task is the pool's.
     */
    void awaitTask(Object future, int site) {
        Object task;
        Pool pool;
        boolean known;
        synchronized (this) {
            task = futureTasks.get(future);
            known = task != null;
            if (task == null) {
                task = future;
            }
            pool = taskPools.get(task);
            known |= pool != null;
        }
        if (!known) {
            return;
        }
        touch(task, site);
        if (pool != null && pool.bounded() && validator.holds(pool.map(), LockMode.ANY)) {
            touch(pool.map(), site);
        }
    }

    private void touch(Object map, int site) {
        validator.acquire(map, site, LockMode.EXCLUSIVE, 0, false);
        validator.release(map, site, LockMode.EXCLUSIVE);
    }

    /** {@code Class.method:line} of the innermost application frame, or null. */
    private static String applicationFrame() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("sun.") && !AgentPackages.isAgentClass(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName()
                        + ":" + f.getLineNumber())
                .orElse(null));
    }
}
