package dev.jlockdep.instrument.transform.app;

/**
 * A static initializer with the frames a compiler writes (branches, a loop, a handler) and a use of
 * another class, for {@link LockMethodVisitorTest}; the system property {@link #FAIL} makes it throw at its end.
 */
final class InitSample {
    static final String FAIL = "jlockdep.test.initFails";
    static final int SUM;

    static {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += i % 2 == 0 ? i : -i;
        }
        try {
            sum += Integer.parseInt(Integer.toString(sum).isEmpty() ? "x" : "10");
        } catch (NumberFormatException e) {
            sum = -1;
        }
        sum += Other.value;
        if (Boolean.getBoolean(FAIL)) {
            throw new IllegalStateException("failed on purpose");
        }
        SUM = sum;
    }

    private InitSample() {
    }

    /** Public: the rewritten class is defined by a loader of its own, a runtime package apart from this one's. */
    public static final class Other {
        public static int value = Integer.getInteger("no.such.property", 5);

        private Other() {
        }
    }
}
