package dev.jlockdep.examples.kernel;

/**
 * Runs a body on a thread of its own, named like the kernel task it stands for, and waits for it: the
 * models run their paths one after another, so lockdep learns every order without a real deadlock.
 */
public final class Kthread {
    /** Where the model's code is, and the agent's hooks around the model's calls (see {@link #blockedInModel}). */
    private static final String MODEL = "dev.jlockdep.examples.";
    private static final String AGENT_HOOKS = "dev.jlockdep.instrument.hooks.";

    private Kthread() {
    }

    public static void run(String comm, Runnable body) {
        join(runUntilBlocked(comm, body));
    }

    /**
     * Starts a task and lets it run as far as it can: returns once it has finished or is blocked
     * (waiting for a lock the caller holds, say). How a model plays one side of a race in turn.
     */
    public static Thread runUntilBlocked(String comm, Runnable body) {
        Thread t = new Thread(body, comm);
        t.start();
        awaitBlocked(t);
        return t;
    }

    /**
     * Waits until {@code t} has finished or is blocked in the model (on a lock, a wait, a sleep): its turn
     * is over. Blocked for a moment elsewhere, it is not: a class another thread is loading, a lock of the
     * validator's own while it checks the model's call. Its stack tells the two apart.
     */
    public static void awaitBlocked(Thread t) {
        while (true) {
            Thread.State state = t.getState();
            if (state == Thread.State.TERMINATED
                    || state != Thread.State.NEW && state != Thread.State.RUNNABLE && blockedInModel(t.getStackTrace())) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Whether a blocked thread's stack waits where the model made it wait: on a monitor in the model's
     * own code, or in a JDK park, wait or sleep called by the model (directly, or by the agent's hook
     * around the model's call). A JDK frame on top that is not one of those (a class loader's lock), or
     * the agent's validator below the park, is a wait of another kind.
     */
    static boolean blockedInModel(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return false;
        }
        boolean jdkOnTop = isJdk(stack[0].getClassName());
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        boolean parked = top.startsWith("jdk.internal.misc.Unsafe.park") || top.startsWith("java.lang.Object.wait")
                || top.startsWith("java.lang.Thread.sleep");
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!isJdk(c)) {
                return c.startsWith(MODEL) ? !jdkOnTop || parked : parked && c.startsWith(AGENT_HOOKS);
            }
        }
        return false;
    }

    /** The JDK's classes, and the agent's bridge among them ({@code java.lang.$JLockdep}). */
    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    public static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
