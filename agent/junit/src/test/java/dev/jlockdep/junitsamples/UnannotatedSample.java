package dev.jlockdep.junitsamples;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two tests that take two locks both ways, with no annotation of jlockdep's: run alone, the extension
 * comes through JUnit's auto-detection; OrderSample adds it by annotation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnannotatedSample {
    static final Object accounts = new Object();
    static final Object ledger = new Object();

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
