package dev.jlockdep.it;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service that waits for its flush task while holding its state lock, which the task takes: a
 * deadlock the day the task has not run yet. Here the task always ran first (or has nothing to do), so
 * nothing hangs, and the wait still closes the cycle. Arguments pick the wait: get, join (a CompletableFuture on the pool),
 * invokeAll, "join-common" (on the common pool), "schedule" (a scheduled task); "outside" waits after releasing the lock (silent); "starve" has a task of a pool that runs one task at
 * a time wait for another task of that pool; "starve-fixed" does so on a fixed pool of two (a
 * starvation deadlock), "starve-cached" on a pool that grows (silent); "lock-task" runs a task that is also a monitor, "recursive" tasks that wait
 * for tasks of their own class on a growing pool (silent).
 */
public class FutureUnderLock {
    private final Object state = new Object();
    private final ExecutorService flushPool = Executors.newFixedThreadPool(2);
    private int flushed;

    /** A named task: its work item is named after its class. It takes the lock when there is work. */
    final class Flush implements Callable<Integer> {
        private final boolean dirty;

        Flush(boolean dirty) {
            this.dirty = dirty;
        }

        @Override
        public Integer call() {
            if (!dirty) {
                return flushed;
            }
            synchronized (state) {
                return ++flushed;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        FutureUnderLock s = new FutureUnderLock();
        switch (args[0]) {
            case "get" -> s.getUnderLock();
            case "join" -> s.joinUnderLock();
            case "join-common" -> s.joinOnTheCommonPoolUnderLock();
            case "invokeAll" -> s.invokeAllUnderLock();
            case "outside" -> s.waitOutsideTheLock();
            case "starve" -> s.starve(Executors.newSingleThreadExecutor());
            case "starve-fixed" -> s.starve(s.flushPool);
            case "starve-cached" -> s.starve(Executors.newCachedThreadPool());
            case "lock-task" -> s.aTaskThatIsALock();
            case "recursive" -> s.recursiveTasks();
            case "schedule" -> s.scheduledGetUnderLock();
            case "virtual" -> s.virtualThreadTaskUnderLock();
            default -> throw new IllegalArgumentException(args[0]);
        }
        s.flushPool.shutdown();
        System.out.println("finished");
    }

    void getUnderLock() throws Exception {
        Future<Integer> f = flushPool.submit(new Flush(true));
        f.get();
        synchronized (state) {
            f.get();
        }
    }

    void joinUnderLock() {
        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> {
            synchronized (state) {
                return ++flushed;
            }
        }, flushPool);
        f.join();
        synchronized (state) {
            f.join();
        }
    }

    void joinOnTheCommonPoolUnderLock() {
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            synchronized (state) {
                flushed++;
            }
        });
        f.join();
        synchronized (state) {
            f.join();
        }
    }

    void invokeAllUnderLock() throws Exception {
        flushPool.submit(new Flush(true)).get();
        synchronized (state) {
            flushPool.invokeAll(List.of(new Flush(false))); // this time it has nothing to do: no hang
        }
    }

    void waitOutsideTheLock() throws Exception {
        Future<Integer> f = flushPool.submit(new Flush(true));
        synchronized (state) {
            flushed = 0;
        }
        f.get();
        CompletableFuture.supplyAsync(() -> {
            synchronized (state) {
                return ++flushed;
            }
        }, flushPool).join();
        flushPool.invokeAll(List.of(new Flush(true)));
    }

    void scheduledGetUnderLock() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<Integer> f = timer.schedule(new Flush(true), 1, TimeUnit.MILLISECONDS);
        f.get();
        synchronized (state) {
            f.get();
        }
        timer.shutdown();
    }

    /** A virtual thread per task (JDK 21 on, looked up so that this compiles for 17). */
    void virtualThreadTaskUnderLock() throws Exception {
        ExecutorService perTask;
        try {
            perTask = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            System.out.println("no virtual threads on this JDK");
            return;
        }
        Future<Integer> f = perTask.submit(new Flush(true));
        f.get();
        synchronized (state) {
            f.get();
        }
        perTask.shutdown();
    }

    /** A task that is itself a lock (a synchronized run): the agent never renames it. */
    static final class Job implements Runnable {
        @Override
        public synchronized void run() {
        }
    }

    void aTaskThatIsALock() throws Exception {
        Job job = new Job();
        flushPool.submit(job).get();
        flushPool.submit(job).get();
        synchronized (job) {
            job.run();
        }
    }

    /** A task waiting for tasks of its own kind on a pool that can grow: recursion, not a deadlock. */
    final class Count implements Callable<Integer> {
        private final ExecutorService pool;
        private final int n;

        Count(ExecutorService pool, int n) {
            this.pool = pool;
            this.n = n;
        }

        @Override
        public Integer call() throws Exception {
            return n == 0 ? 0 : 1 + pool.submit(new Count(pool, n - 1)).get();
        }
    }

    void recursiveTasks() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        pool.submit(new Count(pool, 3)).get();
        pool.shutdown();
    }

    void starve(ExecutorService pool) throws Exception {
        Future<?> first = pool.submit(() -> { });
        first.get(); // done: the wait below cannot hang in this run
        pool.submit(() -> {
            first.get();
            return null;
        }).get();
        pool.shutdown();
    }
}
