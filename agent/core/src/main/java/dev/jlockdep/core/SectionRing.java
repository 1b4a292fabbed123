package dev.jlockdep.core;

import java.util.Arrays;

/**
 * The critical sections one thread entered in its event context, on monitors of classes that wait or
 * notify: per monitor, the site of its latest section and the note number (see {@link HeldLocks}) at which
 * it began, and the latest note at which a section on it began at another site. That is all a signal
 * needs ({@link HeldLocks#signalFrom}), so a loop that enters a monitor's sections at two sites a thousand
 * times keeps one record, not a thousand. {@value #CAPACITY} monitors are kept; when a new one needs room,
 * the record least recently entered goes, as a clock finds it (a record entered again since the clock last
 * passed it is passed once more): a log's monitor, entered at every commit of a long task, must not go
 * because pages were latched in between, or the flush its next notify ends is forgotten. An identity-hash
 * index finds a monitor's record without a scan.
 */
final class SectionRing {
    static final int CAPACITY = 256;
    private static final int INDEX = CAPACITY * 2;
    private static final int NONE = -1;

    private final Object[] monitor = new Object[CAPACITY];
    private final int[] hash = new int[CAPACITY];
    private final int[] site = new int[CAPACITY];
    private final int[] notes = new int[CAPACITY];
    /** The note of the latest section on the monitor at a site other than {@link #site}'s; 0 if none. */
    private final int[] otherNotes = new int[CAPACITY];
    /** Whether the record was entered again since the clock last passed it. */
    private final boolean[] entered = new boolean[CAPACITY];
    /** Slot + 1 of the record in each index cell, 0 for empty; linear probing. */
    private final int[] index = new int[INDEX];
    private int count;
    private int next;

    /** The thread entered a section on {@code sync} at {@code at} when the context had noted {@code note}. */
    void entered(Object sync, int at, int note) {
        int h = System.identityHashCode(sync);
        int slot = find(sync, h);
        if (slot != NONE) {
            if (site[slot] != at) {
                otherNotes[slot] = notes[slot];
                site[slot] = at;
            }
            notes[slot] = note;
            entered[slot] = true;
            return;
        }
        if (count == CAPACITY) {
            while (entered[next]) { // a second chance: it goes only if not entered again by the next turn
                entered[next] = false;
                next = (next + 1) & (CAPACITY - 1);
            }
            unindex(next);
        } else {
            count++;
        }
        slot = next;
        entered[slot] = false;
        monitor[slot] = sync;
        hash[slot] = h;
        site[slot] = at;
        notes[slot] = note;
        otherNotes[slot] = 0;
        for (int i = cell(h); ; i = (i + 1) & (INDEX - 1)) {
            if (index[i] == 0) {
                index[i] = slot + 1;
                break;
            }
        }
        next = (slot + 1) & (CAPACITY - 1);
    }

    /**
     * The latest note at which a section on {@code sync} began at a site other than {@code at}: what a
     * signal sent in a section at {@code at} ends began there. 0 (the whole context) if there is none.
     */
    int latestElsewhere(Object sync, int at) {
        if (count == 0) {
            return 0;
        }
        int slot = find(sync, System.identityHashCode(sync));
        if (slot == NONE) {
            return 0;
        }
        return site[slot] != at ? notes[slot] : otherNotes[slot];
    }

    /** A new context begins: no section of the old one counts, and no monitor of it is kept reachable. */
    void clear() {
        if (count > 0) {
            if (count < CAPACITY / 8) { // most contexts saw a few monitors: their cells, not the whole index
                for (int s = 0; s < count; s++) {
                    int i = cell(hash[s]);
                    while (index[i] != s + 1) { // past cells already cleared: each record is further on
                        i = (i + 1) & (INDEX - 1);
                    }
                    index[i] = 0;
                }
            } else {
                Arrays.fill(index, 0);
            }
            Arrays.fill(monitor, 0, count, null); // from slot 0 until the ring wraps: the used ones
            Arrays.fill(entered, 0, count, false);
            count = 0;
            next = 0;
        }
    }

    private int find(Object sync, int h) {
        for (int i = cell(h); ; i = (i + 1) & (INDEX - 1)) {
            int entry = index[i];
            if (entry == 0) {
                return NONE;
            }
            if (monitor[entry - 1] == sync) {
                return entry - 1;
            }
        }
    }

    /** Removes the record at {@code slot} from the index, shifting back the cells probed past it. */
    private void unindex(int slot) {
        int i = cell(hash[slot]);
        while (index[i] != slot + 1) {
            i = (i + 1) & (INDEX - 1);
        }
        for (int j = (i + 1) & (INDEX - 1); index[j] != 0; j = (j + 1) & (INDEX - 1)) {
            int home = cell(hash[index[j] - 1]);
            // The entry at j may move to i if its home cell is not cyclically in (i, j].
            if (((j - home) & (INDEX - 1)) >= ((j - i) & (INDEX - 1))) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
    }

    private static int cell(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 23 & (INDEX - 1);
    }
}
