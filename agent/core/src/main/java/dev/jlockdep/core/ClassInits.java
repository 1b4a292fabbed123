package dev.jlockdep.core;

import dev.jlockdep.core.model.ClassKey;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class initialization as a lock. The JVM runs a class's static initializer under a lock of its own for
 * that class (JVMS 5.5): a thread that needs the class while another runs it waits, without a timeout,
 * shown as running in a thread dump. Each application class gets a pseudo-lock, {@code (clinit)NAME},
 * held while its initializer runs, so that lockdep's graph finds the cycles from a run that did not hang:
 * <ul>
 * <li>a use of a class (a new instance, a static field, a static method) while another thread runs its
 *     initializer is an acquisition, validated before the thread waits;</li>
 * <li>a use of a class whose initializer runs lower on the thread's own stack waits for nothing here,
 *     but a thread that began with the other class would wait: a dependency from the thread's top lock
 *     to that class's;</li>
 * <li>a class's initialization takes its superclass's first, and its superinterfaces' that declare
 *     default methods (step 7): a dependency from the class to each, unless only code that runs once the
 *     super is initialized can make the class (see {@link #madeOnlyBy}: an enum constant's body);</li>
 * <li>a lock held when an initializer began and taken again inside it: a thread that initializes the
 *     class without it would wait there for the lock while the holder waits for the class.</li>
 * </ul>
 * The thread-confinement triage never excuses these cycles: they are found from one thread by design.
 */
final class ClassInits {
    /** One class's initialization; the object that stands for its pseudo-lock. */
    static final class Init {
        final Class<?> type;
        /** The thread running the class's initializer, while it runs. */
        volatile HeldLocks initializer;
        /** Its (instrumented) initializer has begun. */
        volatile boolean started;
        /** When its initializer began ({@link System#nanoTime()}). */
        volatile long since;
        /** Its initializer has ended, normally or not: a use waits for nothing. */
        volatile boolean ended;
        /** What its initialization takes first (see {@link #supersOf}), computed on first need. */
        private volatile List<Class<?>> supers;

        Init(Class<?> type) {
            this.type = type;
        }
    }

    private final ClassValue<Init> inits = new ClassValue<>() {
        @Override
        protected Init computeValue(Class<?> type) {
            return new Init(type);
        }
    };
    private final Validator validator;
    private final ClassBinder binder;
    private final ChainValidator chains;
    private final WakeUps wakeUps;
    /** Initializers running now, by class name, for the watchdog (see {@link ClassInitWaits}). */
    private final Map<String, Init> running = new ConcurrentHashMap<>();
    /** Which classes can be begun before their supers, beyond what reflection on their nests tells. */
    private volatile InitOrigins origins = InitOrigins.UNKNOWN;

    ClassInits(Validator validator, ClassBinder binder, ChainValidator chains, WakeUps wakeUps) {
        this.validator = validator;
        this.binder = binder;
        this.chains = chains;
        this.wakeUps = wakeUps;
    }

    /** Where classes can be begun, as the application's class files tell (see {@link InitOrigins}). */
    void origins(InitOrigins o) {
        origins = o;
    }

    /** The initializer of {@code c} begins on thread {@code t}, at {@code site}. */
    void starting(HeldLocks t, Class<?> c, int site) {
        Init init = named(t, c);
        init.started = true;
        init.since = System.nanoTime();
        running.put(c.getName(), init);
        validator.acquire(init, site, LockMode.EXCLUSIVE, 0, false);
        init.initializer = t;
        takeSupers(t, init, site);
    }

    /** The initializer of {@code c} ends on thread {@code t}, returning or throwing. */
    void ended(HeldLocks t, Class<?> c, int site) {
        Init init = inits.get(c);
        if (init.initializer != t) {
            return;
        }
        init.initializer = null;
        init.ended = true;
        running.remove(c.getName(), init);
        validator.release(init, site, LockMode.EXCLUSIVE);
    }

    /**
     * Thread {@code t} is about to use {@code c}, which the JVM has not initialized yet. True if another
     * thread runs its initializer: the use was validated as an acquisition, the caller now waits for
     * the class and then calls {@link #waited}.
     */
    boolean using(HeldLocks t, Class<?> c, int site) {
        Init init = named(t, c);
        if (init.ended) {
            return false;
        }
        HeldLocks by = init.initializer;
        if (by == t) {
            if (t.depth > 0 && t.at(t.depth - 1).lock != init) {
                dependOn(t, t.depth - 1, init, validator.siteOf(t, site));
            }
            return false;
        }
        if (by != null) {
            int at = validator.siteOf(t, site);
            validator.acquire(init, at, LockMode.EXCLUSIVE, 0, false);
            wakeUps.classWaitBegins(t, init, at, binding(t, init));
            return true;
        }
        // Not begun: the JVM initializes it now, on this thread, after what it takes first. Its own
        // initializer, if it has one, takes its lock from its hook; what it takes first is taken here.
        if (init.started || !takesASuperFirst(t, init)) {
            return false;
        }
        int at = validator.siteOf(t, site);
        validator.acquire(init, at, LockMode.EXCLUSIVE, 0, false);
        takeSupers(t, init, at);
        validator.release(init, at, LockMode.EXCLUSIVE);
        return false;
    }

    /** The wait that {@link #using} announced is over: the class is initialized (or failed). */
    void waited(HeldLocks t, Class<?> c, int site) {
        Init init = inits.get(c);
        WakeUps.waitEnds(t);
        validator.release(init, site, LockMode.EXCLUSIVE);
    }

    /**
     * A lock held at entry {@code held} was taken again: if an initializer began above it, a thread that
     * runs that initializer without the lock waits for it there. A dependency from the class to the lock.
     */
    void reentered(HeldLocks t, int held, Object lock, Binding b, LockClass c, int site) {
        int init = initAbove(t, held);
        if (init >= 0) {
            chains.dependOn(t, init, lock, b, c, site);
        }
    }

    /**
     * The topmost initialization the thread began after taking the lock it holds at {@code held}, or -1:
     * a reentry of that lock records nothing unless there is one (see {@link #reentered}).
     */
    static int initAbove(HeldLocks t, int held) {
        for (int k = t.depth - 1; k > held; k--) {
            if (t.at(k).lock instanceof Init) {
                return k;
            }
        }
        return -1;
    }

    /** Whether an initializer began at {@link System#nanoTime()} {@code before} or earlier, and runs still. */
    boolean runningFor(long before) {
        for (Init init : running.values()) {
            if (before - init.since >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The initialization of the class named {@code className} running now, or null. */
    Init running(String className) {
        return running.get(className);
    }

    /**
     * What the initialization of {@code init}'s class takes first, once begun: for each super whose
     * initializer has begun, a dependency from the class. One that runs lower on this thread's stack is
     * no wait here but closes the cycle; one that ended is taken and released, an order all the same.
     */
    private void takeSupers(HeldLocks t, Init init, int site) {
        for (Class<?> s : supers(t, init)) {
            Init si = named(t, s);
            if (!si.started || beginsOnlyAfter(t, init, s)) {
                continue;
            }
            if (si.initializer == t) {
                dependOn(t, t.depth - 1, si, site);
            } else {
                validator.acquire(si, site, LockMode.EXCLUSIVE, 0, false);
                validator.release(si, site, LockMode.EXCLUSIVE);
            }
        }
    }

    private boolean takesASuperFirst(HeldLocks t, Init init) {
        for (Class<?> s : supers(t, init)) {
            if (named(t, s).started && !beginsOnlyAfter(t, init, s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no thread can begin {@code init}'s class before its super {@code s}: then taking {@code s}
     * first is no order a thread can meet the other way, and no dependency. Asked only of a super whose
     * initializer has run, the only ones that make dependencies.
     */
    private boolean beginsOnlyAfter(HeldLocks t, Init init, Class<?> s) {
        t.enterAgent();
        try {
            return origins.onlyAfter(init.type, s);
        } finally {
            t.leaveAgent();
        }
    }

    private void dependOn(HeldLocks t, int from, Init init, int site) {
        t.enterAgent();
        try {
            InstanceTable.Entry e = binder.lookUp(init);
            chains.dependOn(t, from, init, e.binding, e.binding.lockClass(), site);
        } finally {
            t.leaveAgent();
        }
    }

    private Binding binding(HeldLocks t, Init init) {
        t.enterAgent();
        try {
            return binder.lookUp(init).binding;
        } finally {
            t.leaveAgent();
        }
    }

    /** The initialization of {@code c}, its pseudo-lock named {@code (clinit)NAME} on first sight. */
    private Init named(HeldLocks t, Class<?> c) {
        t.enterAgent();
        try {
            Init init = inits.get(c);
            if (binder.lookUp(init) == null) {
                String name = c.getName();
                binder.name(init, ClassKey.clinit(name), "(clinit)" + name, WaitType.NONE);
            }
            return init;
        } finally {
            t.leaveAgent();
        }
    }

    private List<Class<?>> supers(HeldLocks t, Init init) {
        List<Class<?>> s = init.supers;
        if (s == null) {
            t.enterAgent();
            try {
                s = supersOf(init.type);
            } finally {
                t.leaveAgent();
            }
            init.supers = s;
        }
        return s;
    }

    /**
     * The application classes whose initialization that of {@code c} takes first (JVMS 5.5, step 7): its
     * superclass and its superinterfaces that declare a default method; an interface's, none.
     */
    static List<Class<?>> supersOf(Class<?> c) {
        List<Class<?>> supers = new ArrayList<>();
        if (c.isInterface()) {
            return supers;
        }
        Class<?> superclass = c.getSuperclass();
        if (application(superclass) && !madeOnlyBy(c, superclass)) {
            supers.add(superclass);
        }
        List<Class<?>> interfaces = new ArrayList<>(List.of(c.getInterfaces()));
        for (int i = 0; i < interfaces.size(); i++) {
            Class<?> itf = interfaces.get(i);
            for (Class<?> more : itf.getInterfaces()) {
                if (!interfaces.contains(more)) {
                    interfaces.add(more);
                }
            }
            if (application(itf) && declaresDefault(itf) && !madeOnlyBy(c, itf)) {
                supers.add(itf);
            }
        }
        return List.copyOf(supers);
    }

    /** A class of the application: not the JDK's (its boot and platform loaders), not the agent's. */
    private static boolean application(Class<?> c) {
        if (c == null) {
            return false;
        }
        ClassLoader loader = c.getClassLoader();
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && !AgentPackages.isAgentClass(c.getName());
    }

    /**
     * Whether only code that runs once {@code s} is initialized (or on the thread initializing it) can
     * begin {@code c}'s initialization: an anonymous or local class of {@code s}, made only in {@code s}'s
     * own code; or a private class of {@code s} in a nest (see {@link #nestOf}) whose other members are
     * all subclasses of {@code s}, whose code runs only after {@code s}'s initialization.
     */
    private static boolean madeOnlyBy(Class<?> c, Class<?> s) {
        try {
            if (c.getEnclosingClass() != s) {
                return false;
            }
            if (c.isAnonymousClass() || c.isLocalClass()) {
                return true;
            }
            if (!Modifier.isPrivate(c.getModifiers())) {
                return false;
            }
            for (Class<?> member : nestOf(c)) {
                if (member != s && !s.isAssignableFrom(member)) {
                    return false;
                }
            }
            return true;
        } catch (LinkageError | SecurityException unreadable) {
            return false;
        }
    }

    /**
     * The classes that may name a private nested class, as the source language allows: its nest (Java 11
     * on); for a class file from before nests, its top-level class and every class declared inside it.
     */
    private static List<Class<?>> nestOf(Class<?> c) {
        if (c.getNestHost() != c || c.getEnclosingClass() == null) {
            return List.of(c.getNestHost().getNestMembers());
        }
        Class<?> top = c;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        List<Class<?>> nest = new ArrayList<>(List.of(top));
        for (int i = 0; i < nest.size(); i++) {
            nest.addAll(List.of(nest.get(i).getDeclaredClasses()));
        }
        return nest;
    }

    private static boolean declaresDefault(Class<?> itf) {
        try {
            for (Method m : itf.getDeclaredMethods()) {
                if (m.isDefault()) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError | SecurityException unreadable) {
            return true; // a method's types cannot be loaded: assume the JVM initializes it
        }
    }
}
