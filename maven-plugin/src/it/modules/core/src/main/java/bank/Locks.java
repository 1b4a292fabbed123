package bank;

/** The bank's two locks, shared by every module. */
public final class Locks {
    public static final Object ACCOUNTS = new Object();
    public static final Object LEDGER = new Object();

    private Locks() {
    }
}
