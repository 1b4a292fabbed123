package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instances to bindings, by identity, held weakly, with collected entries buried and dropped. */
class InstanceTableTest {
    private final LockClass c = new LockClassRegistry().lookup("name:L", "L", 0, WaitType.SLEEP);

    private Binding binding(long serial) {
        return new Binding(c, serial, true, null, false);
    }

    @Test
    void entriesAreFoundByIdentityNotEquality() {
        InstanceTable t = new InstanceTable(false, InstanceSlots.NONE);
        String one = new String("lock");
        String other = new String("lock");
        t.put(one, binding(1), LockMode.EXCLUSIVE);
        assertEquals(1, t.get(one).binding.serial());
        assertNull(t.get(other));
        t.put(one, binding(2), LockMode.READ); // replaced, not added
        assertEquals(2, t.get(one).binding.serial());
        assertEquals(LockMode.READ, t.get(one).mode);
        assertEquals(1, t.size());
    }

    @Test
    void everyEntryIsFoundAgainAfterTheTableGrows() {
        InstanceTable t = new InstanceTable(false, InstanceSlots.NONE);
        List<Object> locks = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Object lock = new Object();
            locks.add(lock);
            t.put(lock, binding(i), LockMode.EXCLUSIVE);
        }
        for (int i = 0; i < locks.size(); i++) {
            assertEquals(i, t.get(locks.get(i)).binding.serial());
        }
        assertNull(t.get(new Object()));
    }

    /**
     * A collected instance's entry comes out of the queue (waited for as a state: collections until it
     * does); buried, it is a tombstone that growth drops, so the table holds the locks alive, not every
     * lock ever made.
     */
    @Test
    void theEntriesOfCollectedInstancesAreBuriedAndDropped() {
        InstanceTable t = new InstanceTable(true, InstanceSlots.NONE);
        Object kept = new Object();
        t.put(kept, binding(0), LockMode.EXCLUSIVE);
        int made = 0;
        int collections = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1_000; i++) {
                t.put(new Object(), binding(++made), LockMode.EXCLUSIVE);
            }
            for (int buried = 0; buried < 1_000; ) {
                InstanceTable.Entry dead = t.pollCollected();
                if (dead == null) {
                    assertTrue(++collections < 10_000, "collections asked for in vain");
                    System.gc();
                    continue;
                }
                assertNull(dead.get());
                t.bury(dead);
                buried++;
            }
        }
        assertSame(kept, t.get(kept).get());
        assertTrue(t.size() < 4_000, "slots in use: " + t.size() + " for 1 lock alive of " + made);
        assertNotNull(t.get(kept));
    }

    /** A class with a slot of its own, as the instrumentation adds to the application's classes. */
    static final class Slotted implements Cloneable {
        static final VarHandle SLOT;

        static {
            try {
                SLOT = MethodHandles.lookup().findVarHandle(Slotted.class, "slot", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile Object slot;

        @Override
        public Slotted clone() throws CloneNotSupportedException {
            return (Slotted) super.clone();
        }
    }

    static final InstanceSlots FIELD = new InstanceSlots() {
        @Override
        public long slotOf(Class<?> type) {
            return Slotted.class.isAssignableFrom(type) ? 0 : NO_SLOT;
        }

        @Override
        public Object get(Object o, long slot) {
            return ((Slotted) o).slot;
        }

        @Override
        public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
            return Slotted.SLOT.compareAndSet((Slotted) o, expected, value);
        }
    };

    /**
     * An object with a slot keeps its entry there, not in the table, and a clone, whose slot is a copy of
     * its original's, has no entry until it is given one of its own.
     */
    @Test
    void anObjectWithASlotKeepsItsEntryThereAndAClonesCopyIsNotItsOwn() throws CloneNotSupportedException {
        InstanceTable t = new InstanceTable(true, FIELD);
        Slotted original = new Slotted();
        t.putNew(original, 0, binding(1), LockMode.EXCLUSIVE);
        assertSame(original.slot, t.get(original));
        assertEquals(0, t.size());
        Slotted copy = original.clone();
        assertSame(original.slot, copy.slot);
        assertNull(t.get(copy));
        assertTrue(t.replace(copy, null, binding(2), LockMode.EXCLUSIVE));
        assertEquals(2, t.get(copy).binding.serial());
        assertEquals(1, t.get(original).binding.serial());
        Object plain = new Object();
        t.put(plain, binding(3), LockMode.EXCLUSIVE);
        assertEquals(1, t.size());
        assertTrue(t.replace(original, t.get(original), binding(4), LockMode.READ)); // replaced, not added
        assertEquals(4, t.get(original).binding.serial());
        assertEquals(LockMode.READ, t.get(original).mode);
        assertEquals(1, t.size());
        assertEquals(3, t.added());
    }

    /**
     * A thread's memo of where classes keep their slot answers as the table does while the thread goes
     * between objects of two classes and a third comes in (a wrong answer would read a slot from an
     * object that has none, or miss one that has).
     */
    @Test
    void aThreadsSlotMemoAnswersAsTheTableForEachClassInTurn() {
        InstanceTable t = new InstanceTable(true, FIELD);
        Slotted slotted = new Slotted();
        Object plain = new Object();
        String text = new String("lock");
        InstanceTable.Entry inSlot = t.putNew(slotted, 0, binding(1), LockMode.EXCLUSIVE);
        InstanceTable.Entry inTable = t.put(plain, binding(2), LockMode.EXCLUSIVE);
        InstanceTable.Entry third = t.put(text, binding(3), LockMode.EXCLUSIVE);
        SlotMemo memo = new SlotMemo();
        Object[] order = {slotted, plain, slotted, plain, text, slotted, text, plain, plain, slotted};
        for (Object o : order) {
            assertSame(o == slotted ? inSlot : o == plain ? inTable : third, t.get(o, memo));
        }
        assertNull(t.get(new Slotted(), memo));
        assertNull(t.get(new Object(), memo));
        assertEquals(2, t.size());
    }

    /** A view that stands for its core alone, as a {@code ReentrantLock} for its synchronizer. */
    private record View(Object core) {
    }

    private static final InstanceSlots VIEWS = new InstanceSlots() {
        @Override
        public long slotOf(Class<?> type) {
            return type == View.class ? AS_IDENTITY : NO_SLOT;
        }

        @Override
        public Object identityOf(Object o) {
            return ((View) o).core();
        }

        @Override
        public Object get(Object o, long slot) {
            return NONE.get(o, slot); // no object has a field: throws
        }

        @Override
        public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
            return NONE.compareAndSet(o, slot, expected, value);
        }
    };

    /**
     * An object kept as its identity has its identity's entry, by every look-up, and no entry of its own:
     * a binding of it (after the binder gave the identity its entry) returns that one, its replacement
     * replaces that one, and the table holds one entry for the two objects.
     */
    @Test
    void anObjectKeptAsItsIdentityHasItsIdentitysEntryAndNoneOfItsOwn() {
        InstanceTable t = new InstanceTable(true, VIEWS);
        Object core = new Object();
        View view = new View(core);
        assertNull(t.get(view));
        InstanceTable.Entry shared = t.put(core, binding(1), LockMode.EXCLUSIVE);
        assertSame(shared, t.get(view));
        assertSame(shared, t.get(view, new SlotMemo()));
        assertSame(shared, t.putNew(view, InstanceSlots.AS_IDENTITY, binding(2), LockMode.EXCLUSIVE));
        assertEquals(1, t.size());
        assertEquals(1, t.added());
        assertTrue(t.replace(view, shared, binding(3), LockMode.EXCLUSIVE));
        assertEquals(3, t.get(core).binding.serial());
        assertSame(t.get(core), t.get(view));
        assertEquals(1, t.size());
        View unbound = new View(new Object()); // bound with no entry for its identity yet: it is given one
        InstanceTable.Entry made = t.putNew(unbound, InstanceSlots.AS_IDENTITY, binding(4), LockMode.EXCLUSIVE);
        assertSame(made, t.get(unbound.core()));
        assertEquals(2, t.size());
        assertEquals(2, t.added());
    }

    /**
     * A replacement (an explicit class) made from what its caller read fails, and changes nothing, when
     * another thread's binding came in between; the caller reads again.
     */
    @Test
    void aReplacementOfAnEntryReadBeforeAnotherThreadsBindingFails() {
        InstanceTable t = new InstanceTable(true, FIELD);
        Slotted o = new Slotted();
        InstanceTable.Entry read = t.get(o);
        InstanceTable.Entry other = t.putNew(o, 0, binding(1), LockMode.EXCLUSIVE); // the other thread's
        assertFalse(t.replace(o, read, binding(2), LockMode.EXCLUSIVE));
        assertSame(other, t.get(o));
        assertTrue(t.replace(o, t.get(o), binding(2), LockMode.EXCLUSIVE));
        assertEquals(2, t.get(o).binding.serial());
        assertEquals(1, t.added());
    }

    /** A second binding of an object with a slot (another thread's, a moment later) gets the first one's entry. */
    @Test
    void aNewEntryInASlotKeepsTheFirstBinding() throws CloneNotSupportedException {
        InstanceTable t = new InstanceTable(true, FIELD);
        Slotted o = new Slotted();
        InstanceTable.Entry first = t.putNew(o, 0, binding(1), LockMode.EXCLUSIVE);
        assertSame(first, t.putNew(o, 0, binding(2), LockMode.EXCLUSIVE));
        assertEquals(1, t.get(o).binding.serial());
        Slotted copy = o.clone(); // its slot is a copy of its original's entry, which is not its own
        assertEquals(3, t.putNew(copy, 0, binding(3), LockMode.EXCLUSIVE).binding.serial());
        assertEquals(1, t.get(o).binding.serial());
        assertEquals(2, t.added());
        assertEquals(0, t.size());
    }

    /**
     * Two threads bind one object at once: the one whose compare-and-set comes second finds the other's
     * entry there, and both go on with it (the other thread's binding is made here, between this one's
     * read of the slot and its compare-and-set).
     */
    @Test
    void aBindingThatLosesTheRaceReturnsTheWinnersEntry() {
        InstanceTable[] table = new InstanceTable[1];
        InstanceTable.Entry[] winner = new InstanceTable.Entry[1];
        boolean[] raced = {false};
        InstanceSlots racing = new InstanceSlots() {
            @Override
            public long slotOf(Class<?> type) {
                return FIELD.slotOf(type);
            }

            @Override
            public Object get(Object o, long slot) {
                return FIELD.get(o, slot);
            }

            @Override
            public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
                if (!raced[0]) {
                    raced[0] = true;
                    winner[0] = table[0].putNew(o, 0, binding(1), LockMode.EXCLUSIVE); // the other thread, first
                }
                return FIELD.compareAndSet(o, slot, expected, value);
            }
        };
        table[0] = new InstanceTable(true, racing);
        Slotted o = new Slotted();
        InstanceTable.Entry e = table[0].putNew(o, 0, binding(2), LockMode.EXCLUSIVE);
        assertNotNull(winner[0]);
        assertSame(winner[0], e);
        assertSame(winner[0], table[0].get(o));
        assertEquals(1, table[0].added());
    }
}
