package dev.jlockdep.examples.md;

import dev.jlockdep.examples.kernel.Completion;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import dev.jlockdep.examples.kernfs.KernfsNode;
import dev.jlockdep.examples.kernfs.KernfsNotify;

/**
 * An md array with external metadata (imsm), as seed 001 describes it: the first write to a clean
 * array marks it dirty, notifies {@code array_state} through kernfs so that the user-space daemon
 * {@code mdmon} updates the metadata, and waits until it did. Flushes run as work on the {@code md}
 * queue, which has a rescuer because writes must make progress under memory pressure.
 */
public final class Mddev {
    static final Workqueue md_wq = Workqueue.alloc_workqueue("md", Workqueue.WQ_MEM_RECLAIM, 0);

    private final Work flush_work = new Work("&mddev->flush_work", "md_submit_flush_data", this::md_submit_flush_data);
    private final KernfsNode sysfs_state;
    private boolean in_sync = true;
    /** {@code MD_SB_CHANGE_PENDING}: set by the first write, cleared by mdmon. */
    private volatile boolean sb_change_pending;
    /** {@code mddev->sb_wait}: woken when mdmon has cleared the bit. */
    private final Completion sb_wait = new Completion();

    public Mddev(KernfsNode sysfs_state) {
        this.sysfs_state = sysfs_state;
    }

    /** {@code md_flush_request}: a flush runs as work on the md queue; the submitter waits for it. */
    public void md_flush_request() {
        md_wq.queue_work(flush_work);
        Workqueue.flush_work(flush_work);
    }

    private void md_submit_flush_data() {
        md_handle_request();
    }

    private void md_handle_request() {
        raid1_make_request();
    }

    private void raid1_make_request() {
        md_write_start();
    }

    private void md_write_start() {
        boolean did_change = false;
        if (in_sync) {
            in_sync = false;
            sb_change_pending = true;
            did_change = true;
        }
        if (did_change) {
            sysfs_notify_dirent_safe(sysfs_state);
        }
        wait_event_sb_wait();
    }

    private static void sysfs_notify_dirent_safe(KernfsNode kn) {
        KernfsNotify.kernfs_notify(kn);
    }

    /**
     * {@code wait_event(mddev->sb_wait, !test_bit(MD_SB_CHANGE_PENDING, ...))}. lockdep cannot see a
     * wait_event; what it waits for is mdmon, which only hears of the change when
     * {@code kernfs_notify_work} has run. The model says so with a flush of that work, which tells
     * lockdep, and the workqueue's flush check, what md depends on.
     */
    private void wait_event_sb_wait() {
        Workqueue.flush_work(KernfsNotify.kernfs_notify_work);
        if (sb_change_pending) {
            sb_wait.wait_for_completion();
        }
    }

    /** mdmon, in user space, woken by fsnotify on {@code array_state}: writes the metadata, clears the bit. */
    public void mdmon_handle_event(KernfsNode kn) {
        if (kn == sysfs_state && sb_change_pending) {
            sb_change_pending = false;
            sb_wait.complete_all();
        }
    }
}
