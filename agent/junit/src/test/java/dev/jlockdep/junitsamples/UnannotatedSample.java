package dev.jlockdep.junitsamples;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** As OrderSample, without any annotation of jlockdep's: the extension comes through JUnit's auto-detection. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnannotatedSample {
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
}
