package bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A transfer takes the accounts, then the ledger; an audit takes the ledger, then the accounts: AB-BA. */
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
        synchronized (LEDGER) {
            synchronized (ACCOUNTS) {
                assertEquals(100, balance + 10 * entries);
            }
        }
    }
}
