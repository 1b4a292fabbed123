package dev.jlockdep.it;

/**
 * A superclass whose initializer makes its subclass, as Jetty's {@code HttpFields.EMPTY} does: the
 * subclass is made by a builder only this class makes (private constructor), and nothing else in the
 * package makes either, so no thread can begin {@link ClassInitOne} before this class (ClassInit's
 * correct variants). Its twin, {@code ClassInit.Shape}, has a subclass that other code makes too.
 */
abstract class ClassInitUnit {
    static final ClassInitUnit ONE = new Builder().build();

    abstract int value();

    static final class Builder {
        private Builder() {
        }

        ClassInitUnit build() {
            return new ClassInitOne();
        }
    }
}

/** Package-private, made only by {@link ClassInitUnit.Builder}. */
final class ClassInitOne extends ClassInitUnit {
    private static final int VALUE = Integer.parseInt("1");

    @Override
    int value() {
        return VALUE;
    }
}
