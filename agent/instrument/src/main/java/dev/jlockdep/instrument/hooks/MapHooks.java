package dev.jlockdep.instrument.hooks;

import dev.jlockdep.core.LockMode;

/** The api's {@code LockdepMap}, a pseudo-lock (lockdep's {@code lockdep_map}): its calls are acquisitions. */
public final class MapHooks {
    public static final HookRef ACQUIRE = HookRef.of(MapHooks.class, "mapAcquire", Object.class, int.class);
    public static final HookRef ACQUIRE_READ = HookRef.of(MapHooks.class, "mapAcquireRead", Object.class, int.class);
    public static final HookRef ACQUIRE_RECURSIVE_READ = HookRef.of(MapHooks.class, "mapAcquireRecursiveRead",
            Object.class, int.class);
    public static final HookRef RELEASE = HookRef.of(MapHooks.class, "mapRelease", Object.class, int.class);
    public static final HookRef TOUCH = HookRef.of(MapHooks.class, "mapTouch", Object.class, int.class);

    private MapHooks() {
    }

    @Hook
    public static void mapAcquire(Object map, int site) {
        HookRuntime.acquire(map, site, LockMode.EXCLUSIVE, false);
    }

    @Hook
    public static void mapAcquireRead(Object map, int site) {
        HookRuntime.acquire(map, site, LockMode.READ, false);
    }

    @Hook
    public static void mapAcquireRecursiveRead(Object map, int site) {
        HookRuntime.acquire(map, site, LockMode.RECURSIVE_READ, false);
    }

    @Hook
    public static void mapRelease(Object map, int site) {
        HookRuntime.release(map, site, LockMode.ANY);
    }

    @Hook
    public static void mapTouch(Object map, int site) {
        HookRuntime.touch(map, site);
    }
}
