package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jlockdep.core.model.Frame;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteRegistryTest {
    @Test
    void aPrimitiveCalledFromASiteStandsAtThatSiteWhateverTheRecentLookUpsHeld() {
        SiteRegistry sites = new SiteRegistry();
        int[] primitives = new int[3];
        for (int p = 0; p < primitives.length; p++) {
            primitives[p] = sites.register(new Site(new Frame("lib.Wrapper", "lock", "Wrapper.java", 10 + p),
                    "lib.Wrapper._lock" + p, "_lock" + p, false));
        }
        int[] calls = new int[1500];
        for (int c = 0; c < calls.length; c++) {
            calls[c] = sites.register(new Site(new Frame("app.Caller", "m" + c, "Caller.java", c + 1), null, null, false));
        }
        // More pairs than the recent look-ups keep, so slots are shared and overwritten; each pair asked twice.
        Map<Long, Integer> first = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < primitives.length; p++) {
                for (int c = 0; c < calls.length; c++) {
                    int placed = sites.atCall(-primitives[p], calls[c]);
                    Site site = sites.get(placed);
                    assertEquals("m" + c, site.frame().methodName());
                    assertEquals("lib.Wrapper._lock" + p, site.fieldKey());
                    Integer before = first.putIfAbsent(((long) p << 32) | c, placed);
                    if (before != null) {
                        assertEquals(before, placed, "the same pair, the same site");
                    }
                }
            }
        }
        assertEquals(primitives.length * calls.length, first.values().stream().distinct().count());
        assertNotEquals(sites.atCall(-primitives[0], calls[0]), sites.atCall(-primitives[1], calls[0]));
    }
}
