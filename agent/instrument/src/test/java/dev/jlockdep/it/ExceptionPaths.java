package dev.jlockdep.it;

/**
 * Monitors released by exceptions, from synchronized blocks and methods: afterwards nothing is still
 * recorded as held (else taking 'beta' would record alpha -> beta, and the other thread's beta -> alpha
 * would be reported), and no unlock is unbalanced.
 */
public class ExceptionPaths {
    private static final Object alpha = new Object();
    private static final Object beta = new Object();

    public static void main(String[] args) throws Exception {
        try {
            synchronized (alpha) {
                throw new IllegalStateException("from a block");
            }
        } catch (IllegalStateException expected) {
            System.out.println("caught " + expected.getMessage());
        }
        ExceptionPaths p = new ExceptionPaths();
        try {
            p.failing();
        } catch (IllegalStateException expected) {
            System.out.println("caught " + expected.getMessage());
        }
        try {
            staticFailing();
        } catch (IllegalStateException expected) {
            System.out.println("caught " + expected.getMessage());
        }
        synchronized (beta) {
            System.out.println("beta alone");
        }
        Threads.runInThread("other", () -> {
            synchronized (beta) {
                synchronized (alpha) {
                    synchronized (p) {
                        System.out.println("beta, alpha, p");
                    }
                }
            }
        });
        System.out.println("finished");
    }

    synchronized void failing() {
        throw new IllegalStateException("from a synchronized method");
    }

    static synchronized void staticFailing() {
        synchronized (alpha) {
            throw new IllegalStateException("from a static synchronized method");
        }
    }
}
