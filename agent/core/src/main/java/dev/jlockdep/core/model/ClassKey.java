package dev.jlockdep.core.model;

/**
 * The stable keys of lock classes, as dumps, problem keys and baselines keep them: the same on every
 * run and machine for the same code. Each kind of name has its prefix; this is the one place that
 * writes them.
 */
public final class ClassKey {
    private ClassKey() {
    }

    /** A lock kept in a field: {@code field:com.acme.Account.lock}. */
    public static String field(String ownerClass, String fieldName) {
        return "field:" + ownerClass + "." + fieldName;
    }

    /** A lock named after the place that makes it: a method, {@code #2} after it for its second ({@code SiteRegistry.place}). */
    public static String allocation(String place) {
        return "alloc:" + place;
    }

    /** An event first seen at a place that neither makes nor stores it. */
    public static String site(String place) {
        return "site:" + place;
    }

    /** An object with no better name: its runtime class. */
    public static String runtimeClass(String className) {
        return "class:" + className;
    }

    /** A parallel-capable class loader's lock for loading one class name, by the loader's class. */
    public static String classLoading(String loaderClass) {
        return "classloading:" + loaderClass;
    }

    /** A class's initialization, as the JVM locks it while the class's static initializer runs. */
    public static String clinit(String className) {
        return "clinit:" + className;
    }

    /** A name given through the api ({@code Lockdep.setClass}). */
    public static String named(String name) {
        return "name:" + name;
    }

    /** A pseudo-lock of the api ({@code LockdepMap}), by its key. */
    public static String map(String key) {
        return "map:" + key;
    }

    /** A task's work item, lockdep's {@code (work_completion)}. */
    public static String work(String name) {
        return "work:" + name;
    }

    /** A pool's, lockdep's {@code (wq_completion)}. */
    public static String pool(String name) {
        return "pool:" + name;
    }

    /**
     * A lock kept by an object that a maker made ({@code ownedKey}, the lock's field), named per the
     * maker's role ({@code roleKey}: the field the maker was read from, or the method that used it).
     */
    public static String madeBy(String ownedKey, String roleKey) {
        return ownedKey + "@" + roleKey;
    }

    /** A method, as a maker's role: the one that uses the maker, or a call without arguments that returns it. */
    public static String method(String className, String methodName) {
        return "method:" + className + "." + methodName;
    }

    /** The event of a synchronizer ({@code latch}, {@code semaphore}, ...), named by the key of its source. */
    public static String event(String kind, String sourceKey) {
        return kind + ":" + sourceKey;
    }
}
