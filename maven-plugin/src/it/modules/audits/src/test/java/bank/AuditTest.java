package bank;

import org.junit.jupiter.api.Test;

/** An audit takes the ledger, then the accounts: the other order, in another module's tests. */
class AuditTest {
    @Test
    void audit() {
        synchronized (Locks.LEDGER) {
            synchronized (Locks.ACCOUNTS) {
                Thread.onSpinWait();
            }
        }
    }
}
