package dev.jlockdep.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FrameTest {
    private static final Frame FRAME = new Frame("a.B", "run", "B.java", 12);

    @Test
    void framesWithTheSameComponentsAreEqualAndHashAlike() {
        Frame same = new Frame("a.B", "run", "B.java", 12);
        assertEquals(FRAME, same);
        assertEquals(FRAME.hashCode(), same.hashCode());
        Frame noFile = new Frame("a.B", "run", null, -1);
        assertEquals(noFile, new Frame("a.B", "run", null, -1));
        assertEquals(noFile.hashCode(), new Frame("a.B", "run", null, -1).hashCode());
    }

    @Test
    void eachComponentTellsFramesApart() {
        assertNotEquals(FRAME, new Frame("a.C", "run", "B.java", 12));
        assertNotEquals(FRAME, new Frame("a.B", "call", "B.java", 12));
        assertNotEquals(FRAME, new Frame("a.B", "run", "C.java", 12));
        assertNotEquals(FRAME, new Frame("a.B", "run", null, 12));
        assertNotEquals(FRAME, new Frame("a.B", "run", "B.java", 13));
        assertNotEquals(FRAME, "a.B.run(B.java:12)");
    }
}
