package dev.jlockdep.examples.kernfs;

import dev.jlockdep.examples.kernel.RwSemaphore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** {@code struct kernfs_root}: the tree's rwsem, and the superblocks that fsnotify reaches. */
public final class KernfsRoot {
    final RwSemaphore kernfs_rwsem = new RwSemaphore("&root->kernfs_rwsem");
    final RwSemaphore kernfs_supers_rwsem = new RwSemaphore("&root->kernfs_supers_rwsem");
    /** {@code root->supers}: one fsnotify listener per mounted superblock (inotify watchers, mdmon). */
    private final List<Consumer<KernfsNode>> supers = new CopyOnWriteArrayList<>();
    public final KernfsNode kn = new KernfsNode(this, null, "");

    public KernfsRoot() {
        kn.activated = true;
        kn.active.set(0);
    }

    /** {@code kernfs_get_tree}: a new superblock joins the root's list. */
    public void kernfs_get_tree(Consumer<KernfsNode> fsnotifyListener) {
        kernfs_supers_rwsem.down_write();
        try {
            supers.add(fsnotifyListener);
        } finally {
            kernfs_supers_rwsem.up_write();
        }
    }

    List<Consumer<KernfsNode>> supers() {
        return supers;
    }
}
