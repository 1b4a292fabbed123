package bank;

import org.junit.jupiter.api.Test;

/** A transfer takes the accounts, then the ledger. */
class TransferTest {
    @Test
    void transfer() {
        synchronized (Locks.ACCOUNTS) {
            synchronized (Locks.LEDGER) {
                Thread.onSpinWait();
            }
        }
    }
}
