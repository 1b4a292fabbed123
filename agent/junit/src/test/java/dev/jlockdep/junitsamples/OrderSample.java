package dev.jlockdep.junitsamples;

import dev.jlockdep.junit.LockdepExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Run by LockdepExtensionIT under the agent: the second test closes a cycle and must fail. */
@ExtendWith(LockdepExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSample {
    private static final Object accounts = new Object();
    private static final Object ledger = new Object();

    @Test
    @Order(1)
    void accountsThenLedger() {
        synchronized (accounts) {
            synchronized (ledger) {
                assert true;
            }
        }
    }

    @Test
    @Order(2)
    void ledgerThenAccounts() {
        synchronized (ledger) {
            synchronized (accounts) {
                assert true;
            }
        }
    }

    @Test
    @Order(3)
    void unrelated() {
        synchronized (ledger) {
            assert true;
        }
    }
}
