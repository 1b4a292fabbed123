package dev.jlockdep.it;

/**
 * A superclass whose initializer makes instances of its private subclasses, as Guava's ComparisonChain
 * does: every other member of its nest is a subclass, whose code runs only once this class is
 * initialized, so no thread can begin a subclass's initialization first (ClassInit's correct variants).
 */
public abstract class ClassInitChain {
    static final ClassInitChain ACTIVE = new Active();
    static final ClassInitChain DONE = new Done(7);

    abstract int value();

    private static final class Active extends ClassInitChain {
        @Override
        int value() {
            return DONE.value() - 7;
        }
    }

    private static final class Done extends ClassInitChain {
        private final int result;

        Done(int result) {
            this.result = result;
        }

        @Override
        int value() {
            return result;
        }
    }
}
