package dev.jlockdep.bench;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link NestedPair} with Guava's {@code CycleDetectingLockFactory} making every lock (its checks on,
 * warning on a cycle): the best-known lock-order checker for Java, measured without the agent beside
 * the agent's figures. Its {@code synchronizedBlocks} is the plain pair (Guava has no monitors to check).
 */
public class GuavaNestedPair extends NestedPair {
    private final CycleDetectingLockFactory factory =
            CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);

    @Override
    protected ReentrantLock newLock(String name) {
        return factory.newReentrantLock(name);
    }

    @Override
    protected ReentrantReadWriteLock newReadWriteLock(String name) {
        return factory.newReentrantReadWriteLock(name);
    }
}
