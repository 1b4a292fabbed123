package dev.jlockdep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock instance to {@link Binding}, by identity, holding instances weakly so that locks a program
 * drops are collected. Reads are lock-free (one identity hash, usually one probe of an open-addressed
 * table, plain loads of slots written with release stores, as in {@link ChainCache}: a miss sends the
 * caller to the slow path, which looks again under the write lock); writes are serialised by the caller.
 * A table made {@code reaped} hands the entries of collected instances to {@link #awaitCollected}, for a
 * thread of the agent's own to {@link #bury} (never the application's thread: waiting on a reference
 * queue could pin a virtual thread); their slots become tombstones, which new entries on their probe
 * paths reuse. So a program that makes and drops locks by the million keeps a table as large as the
 * locks alive between two collections, not one entry per lock it ever made. The table is republished
 * when it grows. An object whose class keeps a slot of its own ({@link InstanceSlots}) has its entry
 * there instead, where it dies with its object: no table slot, no queue, no reaping.
 */
final class InstanceTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Entry[].class);
    /** A slot whose entry's instance was collected: probing goes on past it; an insertion may take it. */
    private static final Entry TOMBSTONE = new Entry(null, null, 0, 0, null);

    static final class Entry extends WeakReference<Object> {
        final Binding binding;
        /** The mode a call site that does not know it gets: a read view's {@link LockMode#READ}. */
        final int mode;
        /** The instance's identity hash, to find the slot again once the instance is gone. */
        final int hash;

        private Entry(Object referent, Binding binding, int mode, int hash, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.binding = binding;
            this.mode = mode;
            this.hash = hash;
        }
    }

    /** Where the entries of collected instances arrive; null when nobody reaps them. */
    private final ReferenceQueue<Object> collected;
    private final InstanceSlots slots;
    /** {@link InstanceSlots#slotOf} of each runtime class, asked once; null where no object has a slot. */
    private final ClassValue<Long> slotsByClass;
    /** Instances given an entry so far, in the table or in their slots (slots are given theirs without the lock). */
    private final LongAdder added = new LongAdder();
    private volatile Entry[] table = new Entry[1024];
    /** Slots not null: entries and tombstones. */
    private int used;

    /**
     * @param reaped whether a thread will {@link #bury} the entries of collected instances
     * @param slots  the objects that keep their entry in a field of their own
     */
    InstanceTable(boolean reaped, InstanceSlots slots) {
        collected = reaped ? new ReferenceQueue<>() : null;
        this.slots = slots;
        slotsByClass = slots == InstanceSlots.NONE ? null : new ClassValue<>() {
            @Override
            protected Long computeValue(Class<?> type) {
                return slots.slotOf(type);
            }
        };
    }

    /** Where objects of runtime class {@code type} keep their entry: {@link InstanceSlots#slotOf}. */
    long slotOf(Class<?> type) {
        return slotsByClass == null ? InstanceSlots.NO_SLOT : slotsByClass.get(type);
    }

    Entry get(Object instance) {
        return get(instance, slotOf(instance.getClass()));
    }

    /** {@link #get(Object)} on a hot path: the thread's memo says where the instance's class keeps its slot. */
    Entry get(Object instance, SlotMemo memo) {
        return get(instance, memo.slotOf(instance.getClass(), this));
    }

    /** The entry of an instance whose runtime class keeps its slot at {@code slot} (see {@link #slotOf}). */
    Entry get(Object instance, long slot) {
        if (InstanceSlots.isField(slot)) {
            // A clone's slot is a copy of its original's: an entry of another instance is none.
            return own(slots.get(instance, slot), instance);
        }
        return inTable(slot == InstanceSlots.AS_IDENTITY ? slots.identityOf(instance) : instance);
    }

    private Entry inTable(Object instance) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = spread(System.identityHashCode(instance)) & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.refersTo(instance)) { // unlike get(), no GC keep-alive barrier
                return e;
            }
        }
    }

    /**
     * Adds or replaces the entry of an instance that keeps its entry in the table itself (the others are
     * given theirs by {@link #putNew} and {@link #replace}); the caller holds the write lock.
     */
    Entry put(Object instance, Binding binding, int mode) {
        int hash = System.identityHashCode(instance);
        Entry e = new Entry(instance, binding, mode, hash, collected);
        Entry[] t = table;
        int mask = t.length - 1;
        int free = -1;
        int i = spread(hash) & mask;
        for (; t[i] != null; i = (i + 1) & mask) {
            if (t[i].refersTo(instance)) {
                SLOT.setRelease(t, i, e);
                return e;
            }
            if (free < 0 && t[i].refersTo(null)) { // a tombstone, or an entry whose instance is gone
                free = i;
            }
        }
        added.increment();
        if (free >= 0) {
            SLOT.setRelease(t, free, e);
            return e;
        }
        if ((used + 1) * 2 > t.length) {
            rehash();
            insert(table, e, hash);
        } else {
            SLOT.setRelease(t, i, e);
        }
        used++;
        return e;
    }

    /**
     * Adds the entry of an instance bound just now, unless another thread bound it first: then that
     * binding's entry is returned, and both threads go on with one. An instance with a slot of its own is
     * given its entry by a compare-and-set, without the write lock; for one in the table the caller holds
     * it, and looked for the instance's entry under it. One kept as its identity has the entry its caller
     * gave that identity, under the write lock, with the same binding.
     *
     * @param slot where the instance's runtime class keeps its slot ({@link #slotOf})
     */
    Entry putNew(Object instance, long slot, Binding binding, int mode) {
        if (slot == InstanceSlots.NO_SLOT) {
            return put(instance, binding, mode);
        }
        if (slot == InstanceSlots.AS_IDENTITY) {
            Object identity = slots.identityOf(instance);
            Entry shared = inTable(identity);
            return shared != null ? shared : put(identity, binding, mode);
        }
        Object kept = slots.get(instance, slot);
        // Weak still, though it dies with its instance: a clone's copy of it must not keep the original
        // alive. No queue: nothing is left to reap.
        Entry e = new Entry(instance, binding, mode, 0, null);
        while (true) {
            Entry own = own(kept, instance);
            if (own != null) {
                return own;
            }
            // None yet, or a clone's copy of its original's entry, which is replaced
            if (slots.compareAndSet(instance, slot, kept, e)) {
                added.increment();
                return e;
            }
            kept = slots.get(instance, slot);
        }
    }

    /**
     * Replaces {@code old}, the instance's entry as its caller read it (null if it had none of its own),
     * with one for {@code binding}; false, and nothing changed, if another thread's binding came in
     * between (a slot's, set without the write lock). For an instance in the table the caller holds the
     * write lock, and it is always replaced.
     */
    boolean replace(Object instance, Entry old, Binding binding, int mode) {
        long slot = slotOf(instance.getClass());
        if (!InstanceSlots.isField(slot)) {
            put(slot == InstanceSlots.AS_IDENTITY ? slots.identityOf(instance) : instance, binding, mode);
            return true;
        }
        Object kept = slots.get(instance, slot);
        if (own(kept, instance) != old
                || !slots.compareAndSet(instance, slot, kept, new Entry(instance, binding, mode, 0, null))) {
            return false;
        }
        if (old == null) {
            added.increment();
        }
        return true;
    }

    /** A slot's value as the entry of {@code instance}: null if none, or a clone's copy of its original's. */
    private static Entry own(Object kept, Object instance) {
        return kept != null && ((Entry) kept).refersTo(instance) ? (Entry) kept : null;
    }

    /** The next entry whose instance was collected, waiting for one; for a reaped table only. */
    Entry awaitCollected() throws InterruptedException {
        return (Entry) collected.remove();
    }

    /** Another entry whose instance was collected, or null if none is waiting. */
    Entry pollCollected() {
        return (Entry) collected.poll();
    }

    /** Puts a tombstone in the slot of an entry whose instance was collected; the caller holds the write lock. */
    void bury(Entry dead) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = spread(dead.hash) & mask; t[i] != null; i = (i + 1) & mask) {
            if (t[i] == dead) {
                SLOT.setRelease(t, i, TOMBSTONE);
                return;
            }
        }
    }

    /** Slots of the table in use: entries and tombstones. */
    int size() {
        return used;
    }

    /** Instances given an entry so far (a replaced entry counts once). */
    long added() {
        return added.sum();
    }

    private void rehash() {
        Entry[] old = table;
        int live = 0;
        for (Entry e : old) {
            if (e != null && e != TOMBSTONE && !e.refersTo(null)) {
                live++;
            }
        }
        int capacity = old.length;
        while ((live + 1) * 4 > capacity) {
            capacity *= 2;
        }
        Entry[] fresh = new Entry[capacity];
        for (Entry e : old) {
            if (e != null && e != TOMBSTONE && !e.refersTo(null)) {
                insert(fresh, e, e.hash);
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
