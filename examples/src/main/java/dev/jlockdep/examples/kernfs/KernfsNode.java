package dev.jlockdep.examples.kernfs;

import dev.jlockdep.api.Lockdep;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** {@code struct kernfs_node}: a reference count, an active count that is biased until activation. */
public final class KernfsNode {
    /** {@code KN_DEACTIVATED_BIAS}: the active count of a node not activated yet (or deactivated). */
    static final int KN_DEACTIVATED_BIAS = Integer.MIN_VALUE + 1;

    final KernfsRoot root;
    final KernfsNode parent;
    public final String name;
    final AtomicInteger count = new AtomicInteger(1);
    final AtomicInteger active = new AtomicInteger(KN_DEACTIVATED_BIAS);
    /** {@code KERNFS_ACTIVATED}; written under the root's rwsem. */
    boolean activated;
    /** Children by name (the kernel's rbtree), under the root's rwsem. */
    final TreeMap<String, KernfsNode> children = new TreeMap<>();
    /** The directory's revision: a cached negative dentry stays valid while it is unchanged. */
    int rev;
    /** {@code kn->attr.notify_next}: the next node on the notify list (self-terminated list) or llist. */
    final AtomicReference<KernfsNode> notifyNext = new AtomicReference<>();

    KernfsNode(KernfsRoot root, KernfsNode parent, String name) {
        this.root = root;
        this.parent = parent;
        this.name = name;
    }

    /** {@code kernfs_new_node}: a node, not yet linked into its parent nor active. */
    public static KernfsNode kernfs_new_node(KernfsNode parent, String name) {
        return new KernfsNode(parent.root, parent, name);
    }

    /** {@code kernfs_get}. */
    void kernfs_get() {
        count.incrementAndGet();
    }

    /**
     * {@code kernfs_put}: dropping the last reference releases the node, which must be deactivated by
     * then; the kernel warns once otherwise.
     */
    void kernfs_put() {
        if (count.decrementAndGet() != 0) {
            return;
        }
        int activeRef = active.get();
        if (activeRef != KN_DEACTIVATED_BIAS) {
            Lockdep.warnOnce("kernfs_put: " + (parent == null ? "" : parent.name) + "/" + name
                    + ": released with incorrect active_ref " + activeRef);
        }
    }

    boolean kernfs_active() {
        return active.get() >= 0;
    }
}
