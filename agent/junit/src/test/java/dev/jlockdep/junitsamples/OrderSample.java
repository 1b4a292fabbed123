package dev.jlockdep.junitsamples;

import dev.jlockdep.junit.LockdepExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run by LockdepExtensionIT under the agent: the inherited second test closes a cycle and must fail;
 * the third, after it, passes.
 */
@ExtendWith(LockdepExtension.class)
class OrderSample extends UnannotatedSample {
    @Test
    @Order(3)
    void unrelated() {
        synchronized (ledger) {
            assert true;
        }
    }
}
