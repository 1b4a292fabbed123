package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.instrument.hooks.EventHooks;
import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.hooks.LockHooks;
import dev.jlockdep.instrument.hooks.MapHooks;
import dev.jlockdep.instrument.hooks.StampedLockHooks;
import dev.jlockdep.instrument.hooks.TaskHooks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The {@code java.util.concurrent} and {@code Object.wait} call sites that are rewritten, and how.
 *
 * <ul>
 * <li>BEFORE: {@code dup; site; hook(lock, site)} ahead of the original call ({@code lock()}, {@code unlock()}),
 *     keeping the original invoke so the JIT's per-site type profile is untouched;</li>
 * <li>AFTER: the original call, then {@code hook(lock, result, site)} returning the result
 *     (trylocks: held only if they succeeded, and they order nothing before them);</li>
 * <li>REPLACE: a static hook that makes the call itself, for calls that may block and then fail
 *     ({@code lockInterruptibly}, timed trylocks) or that release while waiting ({@code await}, {@code wait}).</li>
 * <li>WRAP_ARGUMENT: {@code hook(receiver, argument, site)} returns what the call gets instead of its
 *     one argument (a structured task scope's subtask, wrapped to hold its work item while it runs); no
 *     type of a preview API appears in the hook's signature.</li>
 * </ul>
 * A receiver of a class the JDK does not declare as a lock (a subclass, say) is rewritten as a JDK lock
 * when its class files show it is one; when they cannot be read, its {@code lock()}, {@code unlock()}
 * and {@code tryLock()} are matched by name and descriptor and checked with {@code instanceof} in the
 * hook. The api's {@code LockdepMap}, a pseudo-lock, is rewritten like a lock; a wait for a future
 * ({@code get()}, {@code join()}) is a wait for its task (see {@code WorkqueueModel}); a timed one
 * gives up, like a timed trylock, and orders nothing. Latches, semaphores, conditions, monitors and
 * {@code Thread.join} are waits and events (see {@link EventHooks}).
 */
final class CallSiteRewrites {
    enum Kind { BEFORE, AFTER, REPLACE, WRAP_ARGUMENT }

    /** @param castTo for WRAP_ARGUMENT, the argument's type, which the hook's answer is cast back to; else null */
    record Rewrite(Kind kind, HookRef hook, String castTo) {
        Rewrite(Kind kind, HookRef hook) {
            this(kind, hook, null);
        }
    }

    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String CONDITION = "java/util/concurrent/locks/Condition";
    private static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    private static final String RRWL = "java/util/concurrent/locks/ReentrantReadWriteLock";
    private static final Set<String> JDK_LOCKS = Set.of(LOCK, "java/util/concurrent/locks/ReentrantLock",
            RRWL + "$ReadLock", RRWL + "$WriteLock");
    private static final Set<String> JDK_CONDITIONS = Set.of(CONDITION,
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
            "java/util/concurrent/locks/AbstractQueuedLongSynchronizer$ConditionObject");

    /** Lock methods, by name and descriptor, for receivers known to be locks. */
    private static final Map<String, Rewrite> LOCK_METHODS = new HashMap<>();
    /** The subset that is safe on a receiver not known to be a lock (checked in the hook). */
    private static final Map<String, Rewrite> MAYBE_LOCK_METHODS = new HashMap<>();
    private static final Map<String, Rewrite> CONDITION_METHODS = new HashMap<>();
    private static final Map<String, Rewrite> STAMPED_METHODS = new HashMap<>();
    private static final String MAP = "dev/jlockdep/api/LockdepMap";
    private static final Map<String, Rewrite> MAP_METHODS = new HashMap<>();
    private static final Set<String> FUTURES = Set.of("java/util/concurrent/Future",
            "java/util/concurrent/FutureTask", "java/util/concurrent/CompletableFuture",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableScheduledFuture");
    private static final Map<String, Rewrite> FUTURE_METHODS = new HashMap<>();
    private static final String LATCH = "java/util/concurrent/CountDownLatch";
    private static final Map<String, Rewrite> LATCH_METHODS = new HashMap<>();
    private static final String SEMAPHORE = "java/util/concurrent/Semaphore";
    private static final Map<String, Rewrite> SEMAPHORE_METHODS = new HashMap<>();
    /** Final methods of {@code Object} and {@code Thread}: whatever the receiver's static type. */
    private static final Map<String, Rewrite> ANY_RECEIVER_METHODS = new HashMap<>();
    /** StructuredTaskScope: an interface on Temurin 25, a class with subclasses on JDK 21. */
    private static final String SCOPE = "java/util/concurrent/StructuredTaskScope";

    static {
        LOCK_METHODS.put("lock()V", new Rewrite(Kind.BEFORE, LockHooks.LOCK));
        LOCK_METHODS.put("unlock()V", new Rewrite(Kind.BEFORE, LockHooks.UNLOCK));
        LOCK_METHODS.put("tryLock()Z", new Rewrite(Kind.AFTER, LockHooks.TRY_LOCK));
        LOCK_METHODS.put("lockInterruptibly()V", new Rewrite(Kind.REPLACE, LockHooks.LOCK_INTERRUPTIBLY));
        LOCK_METHODS.put("tryLock(JLjava/util/concurrent/TimeUnit;)Z", new Rewrite(Kind.REPLACE, LockHooks.TRY_LOCK_TIMED));

        MAYBE_LOCK_METHODS.put("lock()V", new Rewrite(Kind.BEFORE, LockHooks.LOCK_IF_LOCK));
        MAYBE_LOCK_METHODS.put("unlock()V", new Rewrite(Kind.BEFORE, LockHooks.UNLOCK));
        MAYBE_LOCK_METHODS.put("tryLock()Z", new Rewrite(Kind.AFTER, LockHooks.TRY_LOCK));

        CONDITION_METHODS.put("await()V", new Rewrite(Kind.REPLACE, LockHooks.AWAIT));
        CONDITION_METHODS.put("await(JLjava/util/concurrent/TimeUnit;)Z", new Rewrite(Kind.REPLACE, LockHooks.AWAIT_TIMED));
        CONDITION_METHODS.put("awaitNanos(J)J", new Rewrite(Kind.REPLACE, LockHooks.AWAIT_NANOS));
        CONDITION_METHODS.put("awaitUninterruptibly()V", new Rewrite(Kind.REPLACE, LockHooks.AWAIT_UNINTERRUPTIBLY));
        CONDITION_METHODS.put("awaitUntil(Ljava/util/Date;)Z", new Rewrite(Kind.REPLACE, LockHooks.AWAIT_UNTIL));
        CONDITION_METHODS.put("signal()V", new Rewrite(Kind.BEFORE, EventHooks.CONDITION_SIGNAL_ONE));
        CONDITION_METHODS.put("signalAll()V", new Rewrite(Kind.BEFORE, EventHooks.CONDITION_SIGNAL));

        LATCH_METHODS.put("await()V", new Rewrite(Kind.BEFORE, EventHooks.LATCH_AWAIT));
        LATCH_METHODS.put("countDown()V", new Rewrite(Kind.BEFORE, EventHooks.LATCH_COUNT_DOWN));

        SEMAPHORE_METHODS.put("acquire()V", new Rewrite(Kind.BEFORE, EventHooks.SEMAPHORE_ACQUIRE));
        SEMAPHORE_METHODS.put("acquireUninterruptibly()V", new Rewrite(Kind.BEFORE, EventHooks.SEMAPHORE_ACQUIRE));
        SEMAPHORE_METHODS.put("acquire(I)V", new Rewrite(Kind.REPLACE, EventHooks.SEMAPHORE_ACQUIRE_PERMITS));
        SEMAPHORE_METHODS.put("acquireUninterruptibly(I)V", new Rewrite(Kind.REPLACE, EventHooks.SEMAPHORE_ACQUIRE_UNINTERRUPTIBLY_PERMITS));
        SEMAPHORE_METHODS.put("release()V", new Rewrite(Kind.BEFORE, EventHooks.SEMAPHORE_RELEASE));
        SEMAPHORE_METHODS.put("release(I)V", new Rewrite(Kind.REPLACE, EventHooks.SEMAPHORE_RELEASE_PERMITS));

        STAMPED_METHODS.put("writeLock()J", new Rewrite(Kind.BEFORE, StampedLockHooks.WRITE_LOCK));
        STAMPED_METHODS.put("readLock()J", new Rewrite(Kind.BEFORE, StampedLockHooks.READ_LOCK));
        STAMPED_METHODS.put("tryWriteLock()J", new Rewrite(Kind.AFTER, StampedLockHooks.TRY_WRITE_LOCK));
        STAMPED_METHODS.put("tryReadLock()J", new Rewrite(Kind.AFTER, StampedLockHooks.TRY_READ_LOCK));
        STAMPED_METHODS.put("writeLockInterruptibly()J", new Rewrite(Kind.REPLACE, StampedLockHooks.WRITE_LOCK_INTERRUPTIBLY));
        STAMPED_METHODS.put("readLockInterruptibly()J", new Rewrite(Kind.REPLACE, StampedLockHooks.READ_LOCK_INTERRUPTIBLY));
        STAMPED_METHODS.put("tryWriteLock(JLjava/util/concurrent/TimeUnit;)J", new Rewrite(Kind.REPLACE, StampedLockHooks.TRY_WRITE_LOCK_TIMED));
        STAMPED_METHODS.put("tryReadLock(JLjava/util/concurrent/TimeUnit;)J", new Rewrite(Kind.REPLACE, StampedLockHooks.TRY_READ_LOCK_TIMED));
        STAMPED_METHODS.put("unlockWrite(J)V", new Rewrite(Kind.REPLACE, StampedLockHooks.UNLOCK_WRITE));
        STAMPED_METHODS.put("unlockRead(J)V", new Rewrite(Kind.REPLACE, StampedLockHooks.UNLOCK_READ));
        STAMPED_METHODS.put("unlock(J)V", new Rewrite(Kind.REPLACE, StampedLockHooks.UNLOCK));
        STAMPED_METHODS.put("tryUnlockWrite()Z", new Rewrite(Kind.AFTER, StampedLockHooks.TRY_UNLOCK_WRITE));
        STAMPED_METHODS.put("tryUnlockRead()Z", new Rewrite(Kind.AFTER, StampedLockHooks.TRY_UNLOCK_READ));
        STAMPED_METHODS.put("tryConvertToWriteLock(J)J", new Rewrite(Kind.REPLACE, StampedLockHooks.TRY_CONVERT_TO_WRITE_LOCK));
        STAMPED_METHODS.put("tryConvertToReadLock(J)J", new Rewrite(Kind.REPLACE, StampedLockHooks.TRY_CONVERT_TO_READ_LOCK));
        STAMPED_METHODS.put("tryConvertToOptimisticRead(J)J", new Rewrite(Kind.REPLACE, StampedLockHooks.TRY_CONVERT_TO_OPTIMISTIC_READ));

        MAP_METHODS.put("acquire()V", new Rewrite(Kind.BEFORE, MapHooks.ACQUIRE));
        MAP_METHODS.put("acquireRead()V", new Rewrite(Kind.BEFORE, MapHooks.ACQUIRE_READ));
        MAP_METHODS.put("acquireRecursiveRead()V", new Rewrite(Kind.BEFORE, MapHooks.ACQUIRE_RECURSIVE_READ));
        MAP_METHODS.put("release()V", new Rewrite(Kind.BEFORE, MapHooks.RELEASE));
        MAP_METHODS.put("touch()V", new Rewrite(Kind.BEFORE, MapHooks.TOUCH));

        FUTURE_METHODS.put("get()Ljava/lang/Object;", new Rewrite(Kind.BEFORE, TaskHooks.AWAIT_TASK));
        FUTURE_METHODS.put("join()Ljava/lang/Object;", new Rewrite(Kind.BEFORE, TaskHooks.AWAIT_TASK));

        ANY_RECEIVER_METHODS.put("wait()V", new Rewrite(Kind.REPLACE, LockHooks.WAIT));
        ANY_RECEIVER_METHODS.put("wait(J)V", new Rewrite(Kind.REPLACE, LockHooks.WAIT_TIMED));
        ANY_RECEIVER_METHODS.put("wait(JI)V", new Rewrite(Kind.REPLACE, LockHooks.WAIT_TIMED_NANOS));
        ANY_RECEIVER_METHODS.put("notify()V", new Rewrite(Kind.BEFORE, EventHooks.MONITOR_NOTIFY_ONE));
        ANY_RECEIVER_METHODS.put("notifyAll()V", new Rewrite(Kind.BEFORE, EventHooks.MONITOR_NOTIFY));
        // Thread.join is final; another class's join() is let through by the hook.
        ANY_RECEIVER_METHODS.put("join()V", new Rewrite(Kind.BEFORE, EventHooks.THREAD_JOIN));
    }

    /** The method names of the rewrites for receivers of any class: a call of another name is none of them. */
    private static final Set<String> FALLBACK_NAMES = new HashSet<>();

    static {
        for (Map<String, Rewrite> rewrites : List.of(ANY_RECEIVER_METHODS, LOCK_METHODS, MAYBE_LOCK_METHODS)) {
            for (String method : rewrites.keySet()) { // no stream: this runs in the agent's start-up
                FALLBACK_NAMES.add(method.substring(0, method.indexOf('(')));
            }
        }
    }

    private CallSiteRewrites() {
    }

    /** The table, for its test: each receiver type named in it, with the rewrites of its methods. */
    static Map<String, Map<String, Rewrite>> byReceiver() {
        Map<String, Map<String, Rewrite>> table = new LinkedHashMap<>();
        JDK_LOCKS.forEach(owner -> table.put(owner, LOCK_METHODS));
        JDK_CONDITIONS.forEach(owner -> table.put(owner, CONDITION_METHODS));
        table.put(STAMPED, STAMPED_METHODS);
        table.put(MAP, MAP_METHODS);
        FUTURES.forEach(owner -> table.put(owner, FUTURE_METHODS));
        table.put(LATCH, LATCH_METHODS);
        table.put(SEMAPHORE, SEMAPHORE_METHODS);
        table.put("java/lang/Thread", ANY_RECEIVER_METHODS);
        table.put("java/util/concurrent/locks/ReentrantLock (unknown subclass)", MAYBE_LOCK_METHODS);
        return table;
    }

    /**
     * How to rewrite this invocation, or null to leave it. {@code isLock} answers whether a class the
     * JDK does not declare is a lock: asked only for a lock method's name and descriptor, since it reads
     * class files. A lock subclass gets every rewrite a JDK lock does: its {@code lockInterruptibly()}
     * must be recorded as its {@code unlock()} is.
     */
    static Rewrite find(int opcode, String owner, String name, String desc, Predicate<String> isLock) {
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        if (JDK_LOCKS.contains(owner)) {
            return LOCK_METHODS.get(name + desc);
        }
        if (JDK_CONDITIONS.contains(owner)) {
            return CONDITION_METHODS.get(name + desc);
        }
        if (owner.equals(STAMPED)) {
            return STAMPED_METHODS.get(name + desc);
        }
        if (owner.equals(MAP)) {
            return MAP_METHODS.get(name + desc);
        }
        if (FUTURES.contains(owner)) {
            return FUTURE_METHODS.get(name + desc);
        }
        if (owner.equals(LATCH)) {
            return LATCH_METHODS.get(name + desc);
        }
        if (owner.equals(SEMAPHORE)) {
            return SEMAPHORE_METHODS.get(name + desc);
        }
        if (owner.startsWith(SCOPE)) {
            return scopeMethod(name, desc);
        }
        if (!FALLBACK_NAMES.contains(name)) { // most calls: no string made for them
            return null;
        }
        String method = name + desc;
        Rewrite any = ANY_RECEIVER_METHODS.get(method);
        if (any != null) {
            return any;
        }
        if (LOCK_METHODS.containsKey(method) && isLock.test(owner)) {
            return LOCK_METHODS.get(method);
        }
        return opcode == Opcodes.INVOKEVIRTUAL ? MAYBE_LOCK_METHODS.get(method) : null;
    }

    /** A scope's {@code fork(task)} wraps the task; its {@code join()} waits for every subtask forked. */
    private static Rewrite scopeMethod(String name, String desc) {
        if (name.equals("fork") && (desc.startsWith("(Ljava/util/concurrent/Callable;)")
                || desc.startsWith("(Ljava/lang/Runnable;)"))) {
            return new Rewrite(Kind.WRAP_ARGUMENT, TaskHooks.SCOPE_FORK, desc.substring(2, desc.indexOf(';')));
        }
        return name.equals("join") && desc.startsWith("()") ? new Rewrite(Kind.BEFORE, TaskHooks.SCOPE_JOIN) : null;
    }

    /** A thread made by a factory rather than {@code new}: {@code Thread.startVirtualThread}, a builder's {@code start}. */
    static boolean makesThread(String owner, String name, String desc) {
        return desc.endsWith(")Ljava/lang/Thread;")
                && ((owner.equals("java/lang/Thread") && name.equals("startVirtualThread"))
                        || (owner.startsWith("java/lang/Thread$Builder") && (name.equals("start") || name.equals("unstarted"))));
    }

    /** {@code Collections.synchronizedMap(m)} and the like: a new synchronized wrapper, a monitor of its own. */
    static boolean makesSynchronizedWrapper(String owner, String name, String desc) {
        return owner.equals("java/util/Collections") && name.startsWith("synchronized")
                && desc.endsWith(";") && !desc.endsWith(")V");
    }

    /** A condition's wait or signal: a class that makes one has events in its critical sections. */
    static boolean isConditionCall(String owner, String nameAndDescriptor) {
        return JDK_CONDITIONS.contains(owner) && CONDITION_METHODS.containsKey(nameAndDescriptor);
    }

    /** The rewrite of a lock call in a class that waits or signals: its {@code lock()} tells its section too. */
    static Rewrite inSections(Rewrite r) {
        return r.hook() == LockHooks.LOCK ? new Rewrite(Kind.BEFORE, LockHooks.LOCK_SECTION) : r;
    }

    /** {@code lock.newCondition()} on a receiver known to be a lock. */
    static boolean isNewCondition(String owner, String name, String desc) {
        return name.equals("newCondition") && desc.equals("()L" + CONDITION + ";") && JDK_LOCKS.contains(owner);
    }

    /** Calls that return a view of the lock the receiver is ({@code rw.readLock()}, {@code sl.asWriteLock()}). */
    static boolean isLockView(String owner, String name, String desc) {
        boolean readWrite = (owner.equals(RRWL) || owner.equals("java/util/concurrent/locks/ReadWriteLock"))
                && (name.equals("readLock") || name.equals("writeLock"));
        boolean stamped = owner.equals(STAMPED) && name.startsWith("as");
        return (readWrite || stamped) && desc.startsWith("()");
    }
}
