package bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Both a transfer and an audit take the accounts, then the ledger: one order, no deadlock. */
class BankTest {
    static final Object ACCOUNTS = new Object();
    static final Object LEDGER = new Object();
    static int balance = 100;
    static int entries;

    @Test
    void transfer() {
        synchronized (ACCOUNTS) {
            synchronized (LEDGER) {
                balance -= 10;
                entries++;
            }
        }
        assertEquals(1, entries);
    }

    @Test
    void audit() {
        synchronized (ACCOUNTS) {
            synchronized (LEDGER) {
                assertEquals(100, balance + 10 * entries);
            }
        }
    }
}
