package dev.jlockdep.examples.btrfs;

import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.api.kernel.Memalloc;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.Mutex;
import dev.jlockdep.examples.kernel.RwSemaphore;
import dev.jlockdep.examples.percpu.Percpu;

/**
 * One mounted btrfs file system, reduced to the call paths of seed 002's chain: each public method is
 * the entry point of one task of the splat, and the private methods are the kernel functions between
 * it and the lock it takes.
 */
public final class Btrfs {
    private final RwSemaphore commit_root_sem = new RwSemaphore("&fs_info->commit_root_sem");
    private final RwSemaphore groups_sem = new RwSemaphore("&space_info->groups_sem");
    private final Mutex delayed_node_mutex = new Mutex("&delayed_node->mutex");
    private final RwSemaphore s_umount = new RwSemaphore("&type->s_umount_key");
    private boolean blockGroupCached;

    /** mount: registers the superblock shrinker and adds the first block group. */
    public void mount() {
        Mm.register_shrinker(this::super_cache_scan);
        groups_sem.down_write();
        groups_sem.up_write();
    }

    // --- link #3: the BTRFS_IOC_LOGICAL_INO ioctl, pcpu_alloc_mutex under commit_root_sem --------

    public void btrfs_ioctl_logical_to_ino() {
        iterate_inodes_from_logical();
    }

    private void iterate_inodes_from_logical() {
        iterate_extent_inodes();
    }

    private void iterate_extent_inodes() {
        commit_root_sem.down_read();
        try {
            btrfs_find_all_leafs();
        } finally {
            commit_root_sem.up_read();
        }
    }

    private void btrfs_find_all_leafs() {
        find_parent_nodes();
    }

    private void find_parent_nodes() {
        resolve_indirect_refs();
    }

    private void resolve_indirect_refs() {
        btrfs_get_fs_root();
    }

    private void btrfs_get_fs_root() {
        btrfs_init_fs_root();
    }

    /** Holding commit_root_sem here, reclaim must not enter the file system: a NOFS scope. */
    private void btrfs_init_fs_root() {
        int nofs = Memalloc.nofsSave();
        try {
            btrfs_drew_lock_init();
        } finally {
            Memalloc.nofsRestore(nofs);
        }
    }

    private void btrfs_drew_lock_init() {
        percpu_counter_init(Gfp.GFP_KERNEL);
    }

    private static void percpu_counter_init(int gfp) {
        Percpu.pcpu_alloc(8, gfp);
    }

    // --- link #2: a transaction commit at umount caches a block group -----------------------------

    public void generic_shutdown_super() {
        sync_filesystem();
    }

    private void sync_filesystem() {
        btrfs_commit_transaction(false);
    }

    private void btrfs_commit_transaction(boolean delayedItems) {
        if (delayedItems) {
            __btrfs_run_delayed_items();
        } else {
            commit_cowonly_roots();
        }
    }

    private void commit_cowonly_roots() {
        btrfs_cow_block();
    }

    private void btrfs_cow_block() {
        __btrfs_cow_block();
    }

    private void __btrfs_cow_block() {
        alloc_tree_block_no_bg_flush();
    }

    private void alloc_tree_block_no_bg_flush() {
        btrfs_alloc_tree_block();
    }

    private void btrfs_alloc_tree_block() {
        btrfs_reserve_extent();
    }

    private void btrfs_reserve_extent() {
        find_free_extent();
    }

    private void find_free_extent() {
        groups_sem.down_read();
        try {
            if (!blockGroupCached) {
                btrfs_cache_block_group();
            }
        } finally {
            groups_sem.up_read();
        }
    }

    private void btrfs_cache_block_group() {
        commit_root_sem.down_write();
        blockGroupCached = true;
        commit_root_sem.up_write();
    }

    // --- link #1: sync runs the delayed items under the delayed node's mutex ---------------------

    public void ksys_sync() {
        iterate_supers();
    }

    private void iterate_supers() {
        btrfs_commit_transaction(true);
    }

    private void __btrfs_run_delayed_items() {
        __btrfs_commit_inode_delayed_items();
    }

    private void __btrfs_commit_inode_delayed_items() {
        delayed_node_mutex.mutex_lock();
        try {
            __btrfs_update_delayed_inode();
        } finally {
            delayed_node_mutex.mutex_unlock();
        }
    }

    private void __btrfs_update_delayed_inode() {
        btrfs_lookup_inode();
    }

    private void btrfs_lookup_inode() {
        btrfs_search_slot();
    }

    private void btrfs_search_slot() {
        btrfs_cow_block();
    }

    // --- link #0: reclaim evicts an inode and releases its delayed node ---------------------------

    /** The superblock shrinker, called by reclaim with fs_reclaim held. */
    private void super_cache_scan() {
        if (!trylock_super()) {
            return;
        }
        try {
            prune_icache_sb();
        } finally {
            s_umount.up_read();
        }
    }

    private boolean trylock_super() {
        return s_umount.down_read_trylock();
    }

    private void prune_icache_sb() {
        dispose_list();
    }

    private void dispose_list() {
        evict();
    }

    private void evict() {
        btrfs_evict_inode();
    }

    private void btrfs_evict_inode() {
        __btrfs_release_delayed_node();
    }

    private void __btrfs_release_delayed_node() {
        delayed_node_mutex.mutex_lock();
        delayed_node_mutex.mutex_unlock();
    }
}
