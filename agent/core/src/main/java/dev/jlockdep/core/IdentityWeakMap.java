package dev.jlockdep.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map from objects, by identity and weakly held, to values: the application's {@code equals} and
 * {@code hashCode} are never called (they could throw, lock or merge distinct tasks). Not thread-safe;
 * its owner guards it.
 */
public final class IdentityWeakMap<V> {
    private final Map<Key, V> map = new HashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    /** A weak key compared by identity; a cleared key equals only itself. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object referent = get();
            return o instanceof Key k && referent != null && referent == k.get();
        }
    }

    public V get(Object key) {
        expunge();
        return map.get(new Key(key, null));
    }

    public void put(Object key, V value) {
        expunge();
        map.put(new Key(key, cleared), value);
    }

    public V remove(Object key) {
        expunge();
        return map.remove(new Key(key, null));
    }

    private void expunge() {
        for (Object k; (k = cleared.poll()) != null; ) {
            map.remove(k);
        }
    }
}
