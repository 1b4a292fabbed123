package dev.jlockdep.examples.scenarios;

import dev.jlockdep.examples.kernel.Kthread;
import dev.jlockdep.examples.kernfs.KernfsDir;
import dev.jlockdep.examples.kernfs.KernfsNode;
import dev.jlockdep.examples.kernfs.KernfsRoot;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Seed 004, kernfs directory creation against lookup: {@code kernfs_add_one} dropped the rwsem between
 * linking a node ({@code /sys/module/nbd}) and activating it, and a lookup in between cached a negative
 * dentry that stayed valid, so {@code ls} listed {@code nbd} but could not open it. The race is played
 * in turn: the lookup runs in the window between the two steps, as far as it can. Lockdep has nothing
 * to say about a lost update, so the buggy variant shows the model's own result. The fixed variant
 * activates under the write lock and asserts it with {@code lockdep_assert_held_write}: the lookup
 * waits, and nothing is printed. {@code --unlocked-caller} runs the fixed code plus one caller that
 * activates a node without the lock, which the assertion reports.
 */
public final class KernfsAddLookup {
    private KernfsAddLookup() {
    }

    public static void main(String[] args) {
        String variant = Variant.parse("kernfs-add-lookup", args, "--unlocked-caller");
        boolean unlockedCaller = variant.equals("--unlocked-caller");
        KernfsDir.activateUnderLock(!variant.equals(Variant.BUGGY));
        KernfsRoot sysfs = new KernfsRoot();
        KernfsNode module = KernfsNode.kernfs_new_node(sysfs.kn, "module");
        KernfsDir.kernfs_add_one(module);

        AtomicReference<KernfsDir.Dentry> cached = new AtomicReference<>();
        Runnable lookup = () -> cached.set(KernfsDir.kernfs_iop_lookup(module, "nbd"));
        AtomicReference<Thread> ls = new AtomicReference<>();
        KernfsDir.raceWindow(() -> ls.set(Kthread.runUntilBlocked("ls", lookup)));
        Kthread.run("modprobe", () -> KernfsDir.kernfs_add_one(KernfsNode.kernfs_new_node(module, "nbd")));
        KernfsDir.raceWindow(() -> { });
        Kthread.join(ls.get());

        KernfsDir.Dentry dentry = cached.get();
        boolean stale = dentry.negative() && KernfsDir.kernfs_dop_revalidate(module, dentry);
        System.out.println("kernfs-add-lookup: readdir /sys/module: " + KernfsDir.readdir(module));
        System.out.println("kernfs-add-lookup: ls /sys/module/nbd: " + (stale
                ? "No such file or directory (a negative dentry was cached for a node that is active now)"
                : "found"));
        if (unlockedCaller) {
            KernfsNode holders = KernfsNode.kernfs_new_node(module, "holders");
            Kthread.run("insmod", () -> KernfsDir.kernfs_activate_locked(holders));
        }
        Variant.done("kernfs-add-lookup", variant, unlockedCaller ? "a caller activated a node without the lock"
                : "nbd was added while ls looked it up");
    }
}
