package dev.jlockdep.examples.xfs;

import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import dev.jlockdep.examples.md.Mddev;

/**
 * An XFS file system on an md array: reclaiming an inode waits for the log to be forced, which pushes
 * the committed item list (CIL) from a work item that writes, and flushes, to the array.
 */
public final class Xfs {
    private static final Workqueue xfs_cil_wq = Workqueue.alloc_workqueue("xfs-cil", Workqueue.WQ_MEM_RECLAIM, 0);

    private final Work xc_push_work = new Work("&cil->xc_push_work", "xlog_cil_push_work", this::xlog_cil_push_work);
    private final Mddev md;

    public Xfs(Mddev md) {
        this.md = md;
    }

    /** mount: the superblock shrinker frees cached inodes. */
    public void mount() {
        Mm.register_shrinker(this::super_cache_scan);
    }

    private void super_cache_scan() {
        xfs_fs_free_cached_objects();
    }

    private void xfs_fs_free_cached_objects() {
        xfs_reclaim_inodes_nr();
    }

    private void xfs_reclaim_inodes_nr() {
        xfs_reclaim_inodes_ag();
    }

    private void xfs_reclaim_inodes_ag() {
        xfs_reclaim_inode();
    }

    private void xfs_reclaim_inode() {
        xfs_iunpin_wait();
    }

    private void xfs_iunpin_wait() {
        xfs_log_force_lsn();
    }

    private void xfs_log_force_lsn() {
        xlog_cil_force_lsn();
    }

    private void xlog_cil_force_lsn() {
        xfs_cil_wq.queue_work(xc_push_work);
        Workqueue.flush_work(xc_push_work);
    }

    private void xlog_cil_push_work() {
        xlog_write();
    }

    /** The log write ends with a cache flush of the device: an md flush request. */
    private void xlog_write() {
        md.md_flush_request();
    }
}
