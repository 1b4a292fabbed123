package dev.jlockdep.examples.scenarios;

import dev.jlockdep.examples.kernfs.KernfsDir;
import dev.jlockdep.examples.kernfs.KernfsNode;
import dev.jlockdep.examples.kernfs.KernfsNotify;
import dev.jlockdep.examples.kernfs.KernfsRoot;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000, "kernfs: Change kernfs_notify_list to llist": the patch queues a node on the lock-less
 * list even when it is queued already. Notified twice before the work runs, {@code console/active}
 * points at itself; {@code kernfs_notify_workfn} then pops it forever, dropping a reference each time
 * ({@code kernfs_put: console/active: released with incorrect active_ref 0}) while the worker never
 * finishes: the agent's watchdog (option {@code watchdog=SECONDS}) reports the stuck worker with its
 * stack and every thread's held locks. The fixed list queues a node only if it is not on it, and the
 * model is silent.
 */
public final class KernfsNotifyLlist {
    /** How long the model waits for the notify work before it calls the system hung. */
    private static final long HUNG_AFTER_SECONDS = 4;

    private KernfsNotifyLlist() {
    }

    public static void main(String[] args) throws InterruptedException {
        String variant = Variant.parse("kernfs-notify-llist", args);
        KernfsNotify.useLlist(variant.equals(Variant.BUGGY));
        KernfsRoot sysfs = new KernfsRoot();
        sysfs.kernfs_get_tree(kn -> { }); // a mounted sysfs, watched by nobody
        KernfsNode console = KernfsNode.kernfs_new_node(sysfs.kn, "console");
        KernfsDir.kernfs_add_one(console);
        KernfsNode active = KernfsNode.kernfs_new_node(console, "active");
        KernfsDir.kernfs_add_one(active);

        // The attribute changes twice before the events worker gets to the first notification.
        KernfsNotify.kernfs_notify(active);
        KernfsNotify.kernfs_notify(active);

        if (KernfsNotify.kernfs_notify_work.waitFor(HUNG_AFTER_SECONDS, TimeUnit.SECONDS)) {
            Variant.done("kernfs-notify-llist", variant, "the notify work ran once and finished");
        } else {
            Variant.done("kernfs-notify-llist", variant, "kernfs_notify_workfn still runs after "
                    + HUNG_AFTER_SECONDS + "s: the system would be hung");
        }
    }
}
