package dev.jlockdep.instrument;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.IdentityWeakMap;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
 * <p>Each task gets a pseudo-lock object of its own: the application's objects are never renamed (a
 * task may be a lock too). Waiting for a task of the class one is running is left out (recursive
 * tasks, on a pool that can grow, are fine); a wait from inside a pool that runs one task at a time,
 * for a task of that pool, touches the pool, as the kernel does for an ordered workqueue.
 *
 * <p>Names: a pool is named after where the application created it ({@code Service.<init>:12}, the
 * common pool {@code ForkJoinPool.commonPool}); a task after its class ({@code com.example.Flush}), or,
 * for a lambda or an anonymous class, after where the application first submitted it
 * ({@code Service.flush:42}).
 */
final class ExecutorTracker {
    /** A pool's pseudo-lock. */
    private record Pool(Object map, WeakReference<Object> executor) {
        /** Runs one task at a time (the kernel's ordered workqueue): a task waiting for another starves it. */
        boolean ordered() {
            if (!(executor.get() instanceof ThreadPoolExecutor tpe)) {
                return false; // a ForkJoinPool's joins help; a thread per task always has one more
            }
            int workers = tpe.getQueue().remainingCapacity() > 0 ? tpe.getCorePoolSize() : tpe.getMaximumPoolSize();
            return workers <= 1;
        }
    }

    /** A task's pseudo-lock, its class's name, and its pool once queued; refers to neither task nor future. */
    private static final class Work {
        final Object map = new Object();
        final String name;
        Pool pool;

        Work(String name) {
            this.name = name;
        }
    }

    /** A task a thread is running, and whether running it took the pool's map. */
    private record Running(Work work, Pool pool) {
    }

    private final Validator validator;
    // Guarded by this tracker's monitor (the agent's own monitors are not validated; the JDK's
    // synchronized wrappers would be). Identity-keyed and weak: application objects are never asked
    // for equals or hashCode, nor kept alive.
    private final IdentityWeakMap<Pool> pools = new IdentityWeakMap<>();
    /** Each task (and each CompletableFuture an async task completes) to its work item. */
    private final IdentityWeakMap<Work> works = new IdentityWeakMap<>();
    /** Each structured task scope to the work items forked in it and not joined yet. */
    private final IdentityWeakMap<List<Work>> scopes = new IdentityWeakMap<>();
    private final ThreadLocal<ArrayDeque<Running>> running = ThreadLocal.withInitial(ArrayDeque::new);
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

    /** The work item of a task, made (and named after what the task runs) on first sight. */
    private Work work(Object task) throws IllegalAccessException {
        Work w;
        synchronized (this) {
            w = works.get(task);
        }
        if (w == null) {
            String name = workName(payload(task));
            w = new Work(name);
            validator.name(w.map, "work:" + name, "(work_completion)" + name, WaitType.NONE);
            validator.queued(w.map);
            synchronized (this) {
                works.put(task, w);
            }
        }
        return w;
    }

    /** {@code execute(task)}: the task is a work item of its class, queued on this pool. */
    void taskQueued(Object executor, Object task) throws IllegalAccessException {
        if (executor == null || task == null) {
            return;
        }
        Work w = work(task);
        Pool pool = pool(executor);
        synchronized (this) {
            w.pool = pool;
        }
    }

    /** A {@code CompletableFuture} async task is made: a work item, found again from its future. */
    void asyncTaskCreated(Object task) throws IllegalAccessException {
        Work w = work(task);
        Object future = asyncSupply.isInstance(task) ? supplyDep.get(task) : runDep.get(task);
        synchronized (this) {
            works.put(future, w);
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
        return work == null ? task : work;
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

    private boolean isAsync(Object task) {
        return asyncSupply.isInstance(task) || asyncRun.isInstance(task);
    }

    /** A thread-pool worker runs a task: inside its pool's map and (unless it is async) its own. */
    void taskStarted(Object executor, Object task, int site) throws IllegalAccessException {
        Pool pool = pool(executor);
        if (isAsync(task)) { // an async task holds its own map around its function
            start(null, pool, site);
            return;
        }
        Work w = work(task); // a scheduled task is queued without execute(): known from its first run
        synchronized (this) {
            if (w.pool == null) {
                w.pool = pool;
            }
        }
        start(w, pool, site);
    }

    void taskEnded(int site) {
        end(site);
    }

    /**
     * An async task's function starts: its work map is held, and on a ForkJoinPool's worker the pool's
     * too, unless this worker holds it already (it runs the task while helping a join).
     */
    void asyncTaskStarted(Object task, int site) throws IllegalAccessException {
        Pool pool = null;
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker) {
            Pool p = pool(worker.getPool());
            pool = validator.holds(p.map(), LockMode.ANY) ? null : p;
        }
        start(work(task), pool, site);
    }

    void asyncTaskEnded(int site) {
        end(site);
    }

    /** A thread-per-task executor's task starts on its own thread. */
    void boundTaskStarted(Object task, int site) throws IllegalAccessException {
        Work w = work(task);
        Pool pool;
        synchronized (this) {
            pool = w.pool;
        }
        start(w, pool, site);
    }

    void boundTaskEnded(int site) {
        end(site);
    }

    private void start(Work w, Pool pool, int site) {
        if (pool != null) {
            validator.acquire(pool.map(), site, LockMode.EXCLUSIVE, 0, false);
        }
        if (w != null) {
            validator.acquire(w.map, site, LockMode.EXCLUSIVE, 0, false);
        }
        validator.eventContext(); // what the worker did before this task is no part of it
        running.get().push(new Running(w, pool));
    }

    private void end(int site) {
        Running r = running.get().poll();
        if (r == null) {
            return;
        }
        if (r.work() != null) {
            validator.release(r.work().map, site, LockMode.EXCLUSIVE);
        }
        if (r.pool() != null) {
            validator.release(r.pool().map(), site, LockMode.EXCLUSIVE);
        }
    }

    /**
     * {@code future.get()}: a wait for the task behind the future, if a tracked executor runs it; from
     * inside a pool that runs one task at a time, a wait on the pool too when the task is the pool's.
     */
    void awaitTask(Object future, int site) {
        Work w;
        Pool pool;
        synchronized (this) {
            w = works.get(future);
            pool = w == null ? null : w.pool;
        }
        if (w != null) {
            awaitWork(w, pool, site);
        }
    }

    /**
     * {@code scope.fork(task)} in a structured task scope: the task is a work item, and the scope runs
     * (in a thread of its own) a wrapper that holds the item's map around it.
     */
    Object forked(Object scope, Object task, int site) throws IllegalAccessException {
        Work w = work(task);
        synchronized (this) {
            List<Work> forked = scopes.get(scope);
            if (forked == null) {
                forked = new ArrayList<>();
                scopes.put(scope, forked);
            }
            forked.add(w);
        }
        return new Subtask(w, task, site);
    }

    /** {@code scope.join()}: a wait for every subtask forked in the scope since its last join. */
    void scopeJoined(Object scope, int site) {
        List<Work> forked;
        synchronized (this) {
            forked = scopes.get(scope);
            if (forked == null) {
                return;
            }
            forked = List.copyOf(forked);
            scopes.get(scope).clear();
        }
        for (Work w : forked) {
            awaitWork(w, null, site);
        }
    }

    /** A scope's subtask as its thread runs it: inside its work item. */
    private final class Subtask implements Callable<Object>, Runnable {
        private final Work work;
        private final Object task;
        private final int site;

        Subtask(Work work, Object task, int site) {
            this.work = work;
            this.task = task;
            this.site = site;
        }

        @Override
        public Object call() throws Exception {
            boolean started = guarded(() -> start(work, null, site));
            try {
                if (task instanceof Callable<?> c) {
                    return c.call();
                }
                ((Runnable) task).run();
                return null;
            } finally {
                if (started) {
                    guarded(() -> end(site));
                }
            }
        }

        @Override
        public void run() {
            try {
                call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // not reached: forked as a Runnable, it runs a Runnable
            }
        }

        private static boolean guarded(Runnable r) {
            try {
                r.run();
                return true;
            } catch (Throwable t) {
                Hooks.fault(t);
                return false;
            }
        }
    }

    private void awaitWork(Work w, Pool pool, int site) {
        boolean sameClass = false;
        for (Running r : running.get()) {
            sameClass |= r.work() != null && r.work().name.equals(w.name);
        }
        if (!sameClass) { // a task waiting for its own kind: recursion, fine where the pool can grow
            touch(w.map, site);
        }
        if (pool != null && pool.ordered() && validator.holds(pool.map(), LockMode.ANY)) {
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
