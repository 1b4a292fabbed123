package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.model.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stack recorded as a Throwable's, at once or read later, shows the frames a StackWalker of the thread shows. */
class StacksTest {
    /** What each way gives at one call: the stack recorded, the one read later, and a StackWalker's. */
    record Taken(List<Frame> current, List<Frame> captured, List<Frame> walked) {
    }

    private static final List<Taken> TAKEN = new ArrayList<>();

    static Taken take(int maxFrames) {
        Taken t = new Taken(Stacks.current(maxFrames), Stacks.captured(maxFrames), StackWalker.getInstance().walk(s -> s
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName()))
                .limit(maxFrames)
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .toList()));
        TAKEN.add(t);
        return t;
    }

    /** Made by reflection's Constructor.newInstance: takes the stacks in its constructor. */
    public static final class TakenInConstructor {
        public TakenInConstructor() {
            take(64);
        }
    }

    /** Initialized by the first reflective call of its method: JDK 25 makes the accessor, and initializes it, in Java. */
    public static final class InitializedByReflection {
        static {
            take(64);
        }

        public static void touch() {
        }
    }

    @Test
    void aRecordedStackHasTheFramesOfAWalk() throws Throwable {
        TAKEN.clear();
        take(64); // called by JUnit through reflection
        StacksTest.class.getDeclaredMethod("take", int.class).invoke(null, 64);
        TakenInConstructor.class.getConstructor().newInstance();
        MethodHandles.lookup().findStatic(StacksTest.class, "take", MethodType.methodType(Taken.class, int.class))
                .invoke(64);
        List.of(64).forEach(StacksTest::take); // a JDK frame, then a lambda's hidden class
        take(3);
        InitializedByReflection.class.getMethod("touch").invoke(null);
        assertEquals(7, TAKEN.size());
        for (Taken t : TAKEN) {
            assertFalse(t.walked().isEmpty());
            assertEquals(t.walked(), t.current());
            assertEquals(t.walked(), t.captured());
            assertTrue(t.captured().stream().noneMatch(f -> f.className().endsWith("AccessorImpl")
                    || f.className().startsWith("java.lang.reflect.")), t.captured().toString());
        }
        assertEquals(3, TAKEN.get(5).captured().size());
        assertTrue(TAKEN.get(4).captured().stream().anyMatch(f -> f.methodName().equals("forEach")));
    }
}
