package dev.jlockdep.core;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lock instance to {@link Binding}, by identity, holding instances weakly so that locks a program
 * drops are collected. Reads are lock-free (one identity hash, usually one probe of an open-addressed
 * table); writes are serialised by the caller and republish the table when it grows, which is also
 * when entries of collected instances are dropped.
 */
final class InstanceTable {
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

    private volatile AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(1024);
    private int used;

    Entry get(Object instance) {
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        for (int i = spread(System.identityHashCode(instance)) & mask; ; i = (i + 1) & mask) {
            Entry e = t.get(i);
            if (e == null) {
                return null;
            }
            if (e.get() == instance) {
                return e;
            }
        }
    }

    /** Adds or replaces the entry of an instance; the caller holds the write lock. */
    Entry put(Object instance, Binding binding, int mode) {
        Entry e = new Entry(instance, binding, mode);
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        for (int i = spread(System.identityHashCode(instance)) & mask; t.get(i) != null; i = (i + 1) & mask) {
            if (t.get(i).get() == instance) {
                t.set(i, e);
                return e;
            }
        }
        if ((used + 1) * 2 > table.length()) {
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
        AtomicReferenceArray<Entry> old = table;
        int live = 0;
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            if (e != null && e.get() != null) {
                live++;
            }
        }
        int capacity = old.length();
        while ((live + 1) * 4 > capacity) {
            capacity *= 2;
        }
        AtomicReferenceArray<Entry> fresh = new AtomicReferenceArray<>(capacity);
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            Object referent = e == null ? null : e.get();
            if (referent != null) {
                insert(fresh, e, System.identityHashCode(referent));
            }
        }
        used = live;
        table = fresh;
    }

    private static void insert(AtomicReferenceArray<Entry> t, Entry e, int hash) {
        int mask = t.length() - 1;
        int i = spread(hash) & mask;
        while (t.get(i) != null) {
            i = (i + 1) & mask;
        }
        t.set(i, e);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
