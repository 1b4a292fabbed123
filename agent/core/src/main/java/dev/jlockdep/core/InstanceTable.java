package dev.jlockdep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * Lock instance to {@link Binding}, by identity, holding instances weakly so that locks a program
 * drops are collected. Reads are lock-free (one identity hash, usually one probe of an open-addressed
 * table, opaque loads: a miss sends the caller to the slow path, which looks again under the write
 * lock); writes are serialised by the caller and republish the table when it grows, which is also when
 * entries of collected instances are dropped.
 */
final class InstanceTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Entry[].class);

    static final class Entry extends WeakReference<Object> {
        final Binding binding;
        /** The mode a call site that does not know it gets: a read view's {@link LockMode#READ}. */
        final int mode;

        Entry(Object referent, Binding binding, int mode) {
            super(referent);
            this.binding = binding;
            this.mode = mode;
        }
    }

    private volatile Entry[] table = new Entry[1024];
    private int used;

    Entry get(Object instance) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = spread(System.identityHashCode(instance)) & mask; ; i = (i + 1) & mask) {
            Entry e = (Entry) SLOT.getOpaque(t, i);
            if (e == null) {
                return null;
            }
            if (e.refersTo(instance)) { // unlike get(), no GC keep-alive barrier
                return e;
            }
        }
    }

    /** Adds or replaces the entry of an instance; the caller holds the write lock. */
    Entry put(Object instance, Binding binding, int mode) {
        Entry e = new Entry(instance, binding, mode);
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = spread(System.identityHashCode(instance)) & mask; t[i] != null; i = (i + 1) & mask) {
            if (t[i].refersTo(instance)) {
                SLOT.setRelease(t, i, e);
                return e;
            }
        }
        if ((used + 1) * 2 > table.length) {
            rehash();
        }
        insert(table, e, System.identityHashCode(instance));
        used++;
        return e;
    }

    int size() {
        return used;
    }

    private void rehash() {
        Entry[] old = table;
        int live = 0;
        for (Entry e : old) {
            if (e != null && !e.refersTo(null)) {
                live++;
            }
        }
        int capacity = old.length;
        while ((live + 1) * 4 > capacity) {
            capacity *= 2;
        }
        Entry[] fresh = new Entry[capacity];
        for (Entry e : old) {
            Object referent = e == null ? null : e.get();
            if (referent != null) {
                insert(fresh, e, System.identityHashCode(referent));
            }
        }
        used = live;
        table = fresh;
    }

    private static void insert(Entry[] t, Entry e, int hash) {
        int mask = t.length - 1;
        int i = spread(hash) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(t, i, e);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
