package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The section ring against a plain model: every section kept, per monitor, until it is forgotten to make
 * room, the monitor entered least recently first (a queue that gives a monitor entered again a second turn).
 */
class SectionRingTest {
    private final SectionRing ring = new SectionRing();

    @Test
    void aLoopAtTwoSitesKeepsOneRecordAndTheOlderMonitorsWithIt() {
        Object page = new Object();
        ring.entered(page, 1, 3); // latched
        Object other = new Object();
        for (int pass = 0; pass < 1_000; pass++) {
            ring.entered(other, 1, 10 + 2 * pass);
            ring.entered(other, 2, 11 + 2 * pass);
        }
        assertEquals(3, ring.latestElsewhere(page, 2), "the release at site 2 ends what the latch at 1 began");
        assertEquals(0, ring.latestElsewhere(page, 1), "no section on the page at another site");
        assertEquals(2_009, ring.latestElsewhere(other, 1));
        assertEquals(2_008, ring.latestElsewhere(other, 2));
    }

    @Test
    void theOldestMonitorIsForgottenWhenTheRingIsFull() {
        Object first = new Object();
        ring.entered(first, 1, 1);
        List<Object> others = new ArrayList<>();
        for (int i = 0; i < SectionRing.CAPACITY - 1; i++) {
            others.add(new Object());
            ring.entered(others.get(i), 1, 2 + i);
        }
        assertEquals(1, ring.latestElsewhere(first, 2), "still one of the latest " + SectionRing.CAPACITY);
        ring.entered(new Object(), 1, 1_000);
        assertEquals(0, ring.latestElsewhere(first, 2), "pushed out by one more monitor");
        assertEquals(2, ring.latestElsewhere(others.get(0), 2));
        ring.clear();
        assertEquals(0, ring.latestElsewhere(others.get(0), 2));
    }

    /**
     * A log's monitor, entered at every commit of a long task, outlives the pages latched in between (each
     * entered once): the flush its notify ends is still known when more than a ring's worth of pages came
     * between two commits.
     */
    @Test
    void aMonitorEnteredAgainOutlivesMonitorsEnteredOnce() {
        Object log = new Object();
        int note = 1;
        ring.entered(log, 2, note++); // an earlier flush's end
        for (int commit = 0; commit < 10; commit++) {
            ring.entered(log, 1, note++); // the flush begins
            for (int page = 0; page < SectionRing.CAPACITY; page++) {
                ring.entered(new Object(), 1, note++);
            }
            int flushBegan = note - SectionRing.CAPACITY - 1;
            ring.entered(log, 2, note++); // the flush ends, with a notify
            assertEquals(flushBegan, ring.latestElsewhere(log, 2), "commit " + commit);
        }
    }

    /**
     * A new context forgets every monitor, whether the old one saw a few (their index cells cleared one by
     * one) or many (the whole index): nothing of it is found, and what comes after is.
     */
    @Test
    void aClearedRingKnowsNothingAndFillsAgain() {
        Object[] pool = new Object[SectionRing.CAPACITY * 2];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Object();
        }
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int seen = round % (SectionRing.CAPACITY + 20);
            int first = random.nextInt(pool.length);
            for (int k = 0; k < seen; k++) {
                ring.entered(pool[(first + k) % pool.length], 1, 1 + k);
            }
            for (int k = Math.max(0, seen - SectionRing.CAPACITY); k < seen; k++) { // the latest a full ring keeps
                assertEquals(1 + k, ring.latestElsewhere(pool[(first + k) % pool.length], 2), "round " + round);
            }
            ring.clear();
            for (Object probe : pool) {
                assertEquals(0, ring.latestElsewhere(probe, 2), "round " + round + ", after the clear");
            }
        }
    }

    /** Random sections on a pool larger than the ring: the index finds exactly what the model keeps. */
    @Test
    void agreesWithAModelOverManyEvictions() {
        Random random = new Random(42);
        Object[] pool = new Object[SectionRing.CAPACITY * 3];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Object();
        }
        // The model: per monitor (in the queue's order), its sections; those entered again since their last turn.
        LinkedHashMap<Object, List<int[]>> model = new LinkedHashMap<>();
        Set<Object> again = new HashSet<>();
        Map<Object, Integer> poolIndex = new HashMap<>();
        for (int i = 0; i < pool.length; i++) {
            poolIndex.put(pool[i], i);
        }
        for (int note = 1; note <= 50_000; note++) {
            Object sync = pool[random.nextInt(random.nextBoolean() ? 40 : pool.length)];
            int site = 1 + random.nextInt(3);
            ring.entered(sync, site, note);
            if (model.containsKey(sync)) {
                again.add(sync);
            } else if (model.size() == SectionRing.CAPACITY) {
                while (true) {
                    Object head = model.keySet().iterator().next();
                    List<int[]> sections = model.remove(head);
                    if (!again.remove(head)) {
                        break;
                    }
                    model.put(head, sections); // a second turn, at the queue's end
                }
            }
            model.computeIfAbsent(sync, k -> new ArrayList<>()).add(new int[] {site, note});
            if (note % 97 == 0) {
                for (Object probe : pool) {
                    for (int at = 1; at <= 3; at++) {
                        assertEquals(expected(model.get(probe), at), ring.latestElsewhere(probe, at),
                                "monitor " + poolIndex.get(probe) + " at site " + at + " after note " + note);
                    }
                }
            }
        }
    }

    private static int expected(List<int[]> sections, int at) {
        int latest = 0;
        if (sections != null) {
            for (int[] s : sections) {
                if (s[0] != at) {
                    latest = Math.max(latest, s[1]);
                }
            }
        }
        return latest;
    }
}
