package dev.jlockdep.examples.kernfs;

/**
 * Directory operations of seed 004: {@code kernfs_add_one} links a new node and activates it;
 * {@code kernfs_iop_lookup} finds a node and caches a dentry for it, negative if the node is not active;
 * {@code kernfs_dop_revalidate} keeps a negative dentry while the parent's revision is unchanged.
 * Before the fix the activation is a second critical section, so a lookup between the two caches a
 * negative dentry for a node that is about to exist; the fix activates under the same write lock, and
 * asserts that its caller holds it.
 */
public final class KernfsDir {
    /** A cached lookup result: the node, or none (negative), and the parent's revision then. */
    public record Dentry(String name, KernfsNode kn, int parentRev) {
        public boolean negative() {
            return kn == null;
        }
    }

    private static boolean activateUnderLock;
    /** The model's race window: runs between linking a node and activating it (nothing by default). */
    private static Runnable raceWindow = () -> { };

    private KernfsDir() {
    }

    /** The fix: activation within {@code kernfs_add_one}'s critical section. */
    public static void activateUnderLock(boolean fixed) {
        activateUnderLock = fixed;
    }

    public static void raceWindow(Runnable window) {
        raceWindow = window;
    }

    public static void kernfs_add_one(KernfsNode kn) {
        KernfsRoot root = kn.root;
        root.kernfs_rwsem.down_write();
        kernfs_link_sibling(kn);
        if (activateUnderLock) {
            raceWindow.run();
            kernfs_activate_locked(kn);
            root.kernfs_rwsem.up_write();
        } else {
            root.kernfs_rwsem.up_write();
            raceWindow.run();
            kernfs_activate(kn);
        }
    }

    private static void kernfs_link_sibling(KernfsNode kn) {
        kn.parent.children.put(kn.name, kn);
        kn.parent.rev++;
    }

    /** {@code kernfs_activate}: takes the rwsem itself. */
    public static void kernfs_activate(KernfsNode kn) {
        kn.root.kernfs_rwsem.down_write();
        try {
            kernfs_activate_locked(kn);
        } finally {
            kn.root.kernfs_rwsem.up_write();
        }
    }

    /** The fix's helper: the caller must hold the rwsem for writing. */
    public static void kernfs_activate_locked(KernfsNode kn) {
        kn.root.kernfs_rwsem.lockdep_assert_held_write();
        if (!kn.activated) {
            kn.active.addAndGet(-KernfsNode.KN_DEACTIVATED_BIAS);
            kn.activated = true;
        }
    }

    public static Dentry kernfs_iop_lookup(KernfsNode parent, String name) {
        parent.root.kernfs_rwsem.down_read();
        try {
            KernfsNode kn = parent.children.get(name);
            return new Dentry(name, kn != null && kn.kernfs_active() ? kn : null, parent.rev);
        } finally {
            parent.root.kernfs_rwsem.up_read();
        }
    }

    /** Whether a cached dentry may still be used. */
    public static boolean kernfs_dop_revalidate(KernfsNode parent, Dentry dentry) {
        parent.root.kernfs_rwsem.down_read();
        try {
            return dentry.negative() ? parent.rev == dentry.parentRev() : dentry.kn().kernfs_active();
        } finally {
            parent.root.kernfs_rwsem.up_read();
        }
    }

    /** {@code kernfs_fop_readdir}: the names of the active children. */
    public static String readdir(KernfsNode parent) {
        parent.root.kernfs_rwsem.down_read();
        try {
            return String.join(" ", parent.children.values().stream().filter(KernfsNode::kernfs_active)
                    .map(kn -> kn.name).toList());
        } finally {
            parent.root.kernfs_rwsem.up_read();
        }
    }
}
