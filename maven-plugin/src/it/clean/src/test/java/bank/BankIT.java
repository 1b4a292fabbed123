package bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An integration test of the bank, run by Failsafe: the accounts, then the ledger, as the unit tests do. */
class BankIT {
    @Test
    void statement() {
        synchronized (BankTest.ACCOUNTS) {
            synchronized (BankTest.LEDGER) {
                assertEquals(100, BankTest.balance + 10 * BankTest.entries);
            }
        }
    }
}
