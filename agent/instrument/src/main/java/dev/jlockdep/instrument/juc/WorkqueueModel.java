package dev.jlockdep.instrument.juc;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.IdentityWeakMap;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.ClassKey;
import dev.jlockdep.core.model.Frame;
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
import java.util.function.Consumer;

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
 * <p>The tasks of one class share a pseudo-lock object made here: the application's objects are never
 * renamed (a task may be a lock too), and a task costs two table look-ups, not a new class; each task is
 * an instance of it, numbered by its future's identity. Waiting for a task of the class one is running
 * is left out (recursive tasks, on a pool that can grow, are fine); a wait from inside a pool that runs
 * one task at a time, for a task of that pool, touches the pool, as the kernel does for an ordered
 * workqueue; from inside a bounded pool of more threads, it is a thread-starvation deadlock, a report of
 * its own kind.
 *
 * <p>Names: a pool is named after where the application created it ({@code Service.<init>:12}, the
 * common pool {@code ForkJoinPool.commonPool}); a task after its class ({@code com.example.Flush}), or,
 * for a lambda or an anonymous class, after where the application first submitted it
 * ({@code Service.flush:42}).
 */
public final class WorkqueueModel {
    /** A pool's pseudo-lock. */
    private record Pool(int number, Object map, WeakReference<Object> executor) {
        /**
         * How many tasks it runs at once, at most: a thread pool's core size while its queue takes more
         * (it grows only when the queue is full), else its maximum; unbounded for any other executor (a
         * ForkJoinPool's joins help; a thread per task always has one more).
         */
        int workers() {
            if (!(executor.get() instanceof ThreadPoolExecutor tpe)) {
                return Integer.MAX_VALUE;
            }
            return tpe.getQueue().remainingCapacity() > 0 ? tpe.getCorePoolSize() : tpe.getMaximumPoolSize();
        }
    }

    /**
     * The pseudo-lock of the tasks that run one class (or one lambda's code), made and named once: every
     * task of it is the same work item to the validator, as the kernel's work items of one function are.
     */
    private static final class WorkClass {
        final int number;
        final Object map;
        final String name;
        /** Set once a task of it was seen (racy: at worst the validator hears of the first twice). */
        boolean seen;

        WorkClass(int number, Object map, String name) {
            this.number = number;
            this.map = map;
            this.name = name;
        }
    }

    /** A task's serial is this bit (above any serial the validator gives an instance) and its future's identity hash. */
    private static final long TASK_SERIALS = 1L << 40;

    /** A task a thread is running, and whether running it took the pool's map. */
    private record Running(WorkClass work, Pool pool) {
    }

    private final Validator validator;
    /** Where a fault in a subtask's own bookkeeping goes (it runs outside any hook). */
    private final Consumer<Throwable> faults;
    // Identity-keyed and weak: application objects are never asked for equals or hashCode, nor kept
    // alive. Each map is guarded by its own monitor (the agent's own monitors are not validated).
    private final IdentityWeakMap<Pool> pools = new IdentityWeakMap<>();
    /** Pools looked up lately, read without a lock: every task is queued and started on one. */
    private final Pool[] recentPools = new Pool[16];
    private final RecentTasks.Numbered<Pool> poolNumbers = new RecentTasks.Numbered<>();
    private final RecentTasks.Numbered<WorkClass> workNumbers = new RecentTasks.Numbered<>();
    /** Each task (and each CompletableFuture an async task completes): its work class and pool, numbered. */
    private final RecentTasks works = new RecentTasks();
    /** Each async task: its future's identity hash (the task forgets its future before it runs). */
    private final RecentTasks asyncFutures = new RecentTasks();
    /** Each structured task scope to the work items forked in it and not joined yet. */
    private final IdentityWeakMap<List<Subtask>> scopes = new IdentityWeakMap<>();
    private final ThreadLocal<ArrayDeque<Running>> running = ThreadLocal.withInitial(ArrayDeque::new);
    /** By what a task runs: named when the first task of it is queued, so the name costs nothing later. */
    private final ClassValue<WorkClass> workClasses = new ClassValue<>() {
        @Override
        protected WorkClass computeValue(Class<?> type) {
            String[] kn = workKeyAndName(type);
            Object map = new Object();
            validator.name(map, ClassKey.work(kn[0]), "(work_completion)" + kn[1], WaitType.NONE);
            return workNumbers.add(n -> new WorkClass(n, map, kn[1]));
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

    /** The model, or null (said in one line) if this JDK's internals are not the ones it knows. */
    public static WorkqueueModel create(Validator validator, Consumer<Throwable> faults, Consumer<String> log) {
        try {
            return new WorkqueueModel(validator, faults);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("jlockdep: thread pools and futures are not tracked on this JDK (" + e + ")");
            return null;
        }
    }

    private WorkqueueModel(Validator validator, Consumer<Throwable> faults) throws ReflectiveOperationException {
        this.validator = validator;
        this.faults = faults;
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
    public void poolCreated(Object executor) {
        if (executor != null) {
            pool(executor);
        }
    }

    private Pool pool(Object executor) {
        int recent = RecentTasks.index(System.identityHashCode(executor), 4);
        Pool p = recentPools[recent];
        if (p != null && p.executor().get() == executor) {
            return p;
        }
        synchronized (pools) {
            p = pools.get(executor);
            if (p == null) {
                String[] kn = executor == ForkJoinPool.commonPool() ? keyAndName("ForkJoinPool.commonPool")
                        : applicationPlace();
                if (kn == null) {
                    kn = keyAndName(executor.getClass().getSimpleName());
                }
                Object map = new Object();
                validator.name(map, ClassKey.pool(kn[0]), "(wq_completion)" + kn[1], WaitType.NONE);
                // weak: the map's value must not keep its key
                p = poolNumbers.add(n -> new Pool(n, map, new WeakReference<>(executor)));
                pools.put(executor, p);
            }
        }
        recentPools[recent] = p;
        return p;
    }

    /** Records what a wait for {@code task} needs: its work class, and its pool if known. */
    private void record(Object task, WorkClass w, Pool pool) {
        if (w.number != 0) {
            works.put(task, w.number << 16 | (pool == null ? 0 : pool.number()));
        }
    }

    /** The work class recorded for a task, else found from what it runs (and recorded). */
    private WorkClass work(Object task, Pool pool) throws IllegalAccessException {
        WorkClass w = workNumbers.get(works.get(task) >>> 16);
        if (w == null) {
            w = workClass(task);
            record(task, w, pool);
        }
        return w;
    }

    /** A task's work class; the first task of each is where reports through it say it was queued. */
    private WorkClass workClass(Object task) throws IllegalAccessException {
        WorkClass w = workClasses.get(payload(task).getClass());
        if (!w.seen) {
            w.seen = true;
            validator.queued(w.map);
        }
        return w;
    }

    /**
     * {@code execute(task)}: the task is a work item of its class, queued on this pool. An async task
     * is waited for through its future, which is recorded instead.
     */
    public void taskQueued(Object executor, Object task) throws IllegalAccessException {
        if (executor != null && task != null) {
            validator.handedOver();
            record(isAsync(task) ? futureOf(task) : task, workClass(task), pool(executor));
        }
    }

    /** A {@code CompletableFuture} async task is made: a work item, found again from its future. */
    public void asyncTaskCreated(Object task) throws IllegalAccessException {
        validator.handedOver();
        Object future = futureOf(task);
        WorkClass w = workClass(task);
        record(task, w, null);
        record(future, w, null);
        asyncFutures.put(task, System.identityHashCode(future));
    }

    private Object futureOf(Object asyncTask) throws IllegalAccessException {
        return asyncSupply.isInstance(asyncTask) ? supplyDep.get(asyncTask) : runDep.get(asyncTask);
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

    /** A work item's key and name: its class, or for a lambda the place that queued it. */
    private String[] workKeyAndName(Class<?> type) {
        if (type.isHidden() || type.isAnonymousClass() || type.isSynthetic()) {
            String[] site = applicationPlace();
            // Without an application frame, the lambda's class without its run-dependent suffix.
            return site != null ? site : keyAndName(type.getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda"));
        }
        return keyAndName(type.getName());
    }

    /** A key and name that are one: a class's, a pool's with no place of its own. */
    private static String[] keyAndName(String name) {
        return new String[] {name, name};
    }

    private boolean isAsync(Object task) {
        return asyncSupply.isInstance(task) || asyncRun.isInstance(task);
    }

    /** A thread-pool worker runs a task: inside its pool's map and (unless it is async) its own. */
    public void taskStarted(Object executor, Object task, int site) throws IllegalAccessException {
        Pool pool = pool(executor);
        if (isAsync(task)) { // an async task holds its own map around its function
            start(null, 0, pool, site);
            return;
        }
        start(work(task, pool), serial(task), pool, site); // a scheduled task is queued without execute(): known from its first run
    }

    public void taskEnded(int site) {
        end(site);
    }

    /**
     * An async task's function starts: its work map is held, and on a ForkJoinPool's worker the pool's
     * too, unless this worker holds it already (it runs the task while helping a join).
     */
    public void asyncTaskStarted(Object task, int site) throws IllegalAccessException {
        Pool pool = null;
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker) {
            Pool p = pool(worker.getPool());
            pool = validator.holds(p.map(), LockMode.ANY) ? null : p;
        }
        int future = asyncFutures.get(task);
        start(work(task, null), future != 0 ? TASK_SERIALS | future : serial(task), pool, site);
    }

    public void asyncTaskEnded(int site) {
        end(site);
    }

    /** A thread-per-task executor's task starts on its own thread. */
    public void boundTaskStarted(Object task, int site) throws IllegalAccessException {
        Pool pool = poolNumbers.get(works.get(task) & 0xFFFF);
        start(work(task, pool), serial(task), pool, site);
    }

    public void boundTaskEnded(int site) {
        end(site);
    }

    /** The instance a task's work item is held and waited for as: its future (a FutureTask is its own). */
    private static long serial(Object future) {
        return TASK_SERIALS | System.identityHashCode(future);
    }

    private void start(WorkClass w, long serial, Pool pool, int site) {
        if (pool != null) {
            validator.acquire(pool.map(), site, LockMode.EXCLUSIVE, 0, false);
        }
        if (w != null) {
            validator.acquireInstance(w.map, serial, site);
        }
        validator.eventContext(); // what the worker did before this task is no part of it
        running.get().push(new Running(w, pool));
    }

    private void end(int site) {
        Running r = running.get().poll();
        if (r == null) {
            return;
        }
        // The innermost of the two ends the task: what the task left held above it is leaked.
        if (r.work() != null) {
            validator.taskEnded(r.work().map, site);
        }
        if (r.pool() != null) {
            if (r.work() == null) {
                validator.taskEnded(r.pool().map(), site);
            } else {
                validator.release(r.pool().map(), site, LockMode.EXCLUSIVE);
            }
        }
    }

    /**
     * {@code future.get()}: a wait for the task behind the future, if a tracked executor runs it; from
     * inside a pool that runs one task at a time, a wait on the pool too when the task is the pool's.
     */
    public void awaitTask(Object future, int site) {
        int recorded = works.get(future);
        WorkClass w = workNumbers.get(recorded >>> 16);
        if (w != null) {
            awaitWork(w, serial(future), poolNumbers.get(recorded & 0xFFFF), site);
        }
    }

    /**
     * {@code scope.fork(task)} in a structured task scope: the task is a work item, and the scope runs
     * (in a thread of its own) a wrapper that holds the item's map around it.
     */
    public Object forked(Object scope, Object task, int site) throws IllegalAccessException {
        Subtask subtask = new Subtask(workClass(task), task, site);
        synchronized (scopes) {
            List<Subtask> forked = scopes.get(scope);
            if (forked == null) {
                forked = new ArrayList<>();
                scopes.put(scope, forked);
            }
            forked.add(subtask);
        }
        return subtask;
    }

    /** {@code scope.join()}: a wait for every subtask forked in the scope since its last join. */
    public void scopeJoined(Object scope, int site) {
        List<Subtask> joined;
        synchronized (scopes) {
            List<Subtask> forked = scopes.get(scope);
            if (forked == null) {
                return;
            }
            joined = List.copyOf(forked);
            forked.clear();
        }
        for (Subtask s : joined) {
            awaitWork(s.work, serial(s.task), null, site);
        }
    }

    /** A scope's subtask as its thread runs it: inside its work item. */
    private final class Subtask implements Callable<Object>, Runnable {
        private final WorkClass work;
        private final Object task;
        private final int site;

        Subtask(WorkClass work, Object task, int site) {
            this.work = work;
            this.task = task;
            this.site = site;
        }

        @Override
        public Object call() throws Exception {
            boolean started = guarded(() -> start(work, serial(task), null, site));
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

        private boolean guarded(Runnable r) {
            try {
                r.run();
                return true;
            } catch (Throwable t) {
                faults.accept(t);
                return false;
            }
        }
    }

    private void awaitWork(WorkClass w, long serial, Pool pool, int site) {
        boolean sameClass = false;
        for (Running r : running.get()) {
            sameClass |= r.work() != null && r.work().name.equals(w.name);
        }
        if (!sameClass) { // a task waiting for its own kind: recursion, fine where the pool can grow
            validator.acquireInstance(w.map, serial, site);
            validator.release(w.map, site, LockMode.EXCLUSIVE);
        }
        if (pool != null && validator.holds(pool.map(), LockMode.ANY)) {
            int workers = pool.workers();
            if (workers <= 1) { // the kernel's ordered workqueue: a flush from inside it, recursive locking
                validator.acquire(pool.map(), site, LockMode.EXCLUSIVE, 0, false);
                validator.release(pool.map(), site, LockMode.EXCLUSIVE);
            } else if (workers < Integer.MAX_VALUE) {
                validator.starvation(pool.map(), workers, w.map);
            }
        }
    }

    /**
     * The innermost application frame, as a key names it (its place, without the line) and as a name
     * ({@code Class.method:line}); or null.
     */
    private String[] applicationPlace() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("sun.") && !AgentPackages.isAgentClass(f.getClassName()))
                .findFirst()
                .map(f -> new String[] {
                    validator.sites().place(new Frame(f.getClassName(), f.getMethodName(), f.getFileName(),
                            f.getLineNumber()), true),
                    f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":"
                            + f.getLineNumber()})
                .orElse(null));
    }
}
