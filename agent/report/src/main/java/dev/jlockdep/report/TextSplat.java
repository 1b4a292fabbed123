package dev.jlockdep.report;

import dev.jlockdep.core.model.BadUnlockReport;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.HeldAtExitReport;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.StallReport;
import dev.jlockdep.core.model.StarvationReport;
import dev.jlockdep.core.model.WarningReport;
import java.util.List;

/**
 * A report as lockdep prints it (kernel/locking/lockdep.c: print_circular_bug and friends): the same
 * titles, rules, blank lines, indents and scenario tables, with Java frames where kernel frames stand.
 */
public final class TextSplat {
    /** Column of CPU1's actions in a scenario table. */
    private static final String CPU1 = "                               ";

    private TextSplat() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        if (report instanceof CircularReport r) {
            circular(out, r);
        } else if (report instanceof RecursiveReport r) {
            recursive(out, r);
        } else if (report instanceof BadUnlockReport r) {
            badUnlock(out, r);
        } else if (report instanceof HeldAtExitReport r) {
            heldAtExit(out, r);
        } else if (report instanceof WarningReport r) {
            warning(out, r);
        } else if (report instanceof StallReport r) {
            stall(out, r);
        } else if (report instanceof StarvationReport r) {
            starvation(out, r);
        }
        return out.toString();
    }

    private static void circular(StringBuilder out, CircularReport r) {
        header(out, "WARNING: possible circular locking dependency detected", r.ident(), -1);
        if (r.signalling()) {
            // The event stands where lockdep has the held lock: the signalling context "holds" it.
            out.append(r.thread()).append(" is signalling:\n");
            lockLine(out, r.holding());
            out.append("\nafter taking lock:\n");
            lockLine(out, r.trying());
            out.append("\nwhich lock already depends on the event.\n\n");
        } else {
            out.append(r.thread()).append(" is trying to acquire lock:\n");
            lockLine(out, r.trying());
            out.append("\nbut task is already holding lock:\n");
            lockLine(out, r.holding());
            out.append("\nwhich lock already depends on the new lock.\n\n");
        }
        out.append("\nthe existing dependency chain (in reverse order) is:\n");
        for (ChainLink link : r.chain()) {
            out.append("\n-> #").append(link.depth()).append(' ').append(link.decorated()).append(":\n");
            trace(out, link.stack(), "       ");
            for (ChainLink.Note note : link.notes()) {
                out.append("       ").append(note.heading()).append('\n');
                trace(out, note.stack(), "       ");
            }
        }
        out.append("\nother info that might help us debug this:\n\n");
        String src = r.trying().bareName();
        String tgt = r.holding().bareName();
        if (r.hasIntermediate()) {
            out.append("Chain exists of:\n  ").append(src).append(" --> ").append(r.parentName())
                    .append(" --> ").append(tgt).append("\n\n");
        }
        out.append(" Possible unsafe locking scenario:\n\n");
        out.append("       CPU0                    CPU1\n");
        out.append("       ----                    ----\n");
        out.append(r.holding().read() ? "  rlock(" : "  lock(").append(tgt).append(");\n");
        out.append(CPU1).append("lock(").append(r.parentName()).append(");\n");
        out.append(CPU1).append("lock(").append(tgt).append(");\n");
        out.append(r.trying().read() ? "  rlock(" : "  lock(").append(src).append(");\n");
        out.append("\n *** DEADLOCK ***\n\n");
        if (r.confirmed()) {
            out.append("jlockdep: confirmed: the cycle closed on the same instances: ")
                    .append(String.join(" -> ", r.instancePath())).append("\n\n");
        } else {
            out.append("jlockdep: class level only: the cycle never closed on the same instances"
                    + " (a false positive if these instances can never meet)\n\n");
        }
        heldLocks(out, r.thread(), r.held());
        backtrace(out, r.backtrace());
    }

    private static void recursive(StringBuilder out, RecursiveReport r) {
        header(out, "WARNING: possible recursive locking detected", r.ident(), -1);
        out.append(r.thread()).append(" is trying to acquire lock:\n");
        lockLine(out, r.trying());
        out.append("\nbut task is already holding lock:\n");
        lockLine(out, r.holding());
        if (r.comparison() != null) {
            out.append("and the lock comparison function returns ").append(r.comparison()).append(":\n");
        }
        out.append("\nother info that might help us debug this:\n");
        out.append(" Possible unsafe locking scenario:\n\n");
        out.append("       CPU0\n");
        out.append("       ----\n");
        out.append("  lock(").append(r.holding().bareName()).append(");\n");
        out.append("  lock(").append(r.trying().bareName()).append(");\n");
        out.append("\n *** DEADLOCK ***\n\n");
        out.append(" May be due to missing lock nesting notation\n\n");
        heldLocks(out, r.thread(), r.held());
        backtrace(out, r.backtrace());
    }

    private static void badUnlock(StringBuilder out, BadUnlockReport r) {
        header(out, "WARNING: bad unlock balance detected!", r.ident(), -1);
        out.append(r.thread()).append(" is trying to release lock (").append(r.lockName()).append(") at:\n");
        out.append(r.at()).append('\n');
        out.append("but there are no more locks to release!\n");
        out.append("\nother info that might help us debug this:\n");
        heldLocks(out, r.thread(), r.held());
        backtrace(out, r.backtrace());
    }

    private static void heldAtExit(StringBuilder out, HeldAtExitReport r) {
        header(out, "WARNING: " + r.thread() + " still has locks held!", r.ident(), 36);
        heldLocks(out, r.thread(), r.held());
        backtrace(out, r.backtrace());
    }

    /** lockdep's layout for a problem of its own kind: which task waits for which, and why it can hang. */
    private static void starvation(StringBuilder out, StarvationReport r) {
        header(out, "WARNING: possible thread starvation deadlock detected", r.ident(), -1);
        out.append(r.thread()).append(" is waiting, at: ").append(r.at()).append('\n');
        out.append("for a task of:  ").append(r.waitedOn()).append('\n');
        out.append("while it runs a task of its own pool:\n");
        out.append("                ").append(r.pool()).append(", at most ").append(r.workers())
                .append(r.workers() == 1 ? " thread" : " threads").append('\n');
        out.append("\nother info that might help us debug this:\n\n");
        out.append(" When all ").append(r.workers()).append(" threads of the pool wait so, no thread is left to run\n");
        out.append(" the tasks they wait for, queued behind them.\n\n *** DEADLOCK ***\n\n");
        heldLocks(out, r.thread(), r.held());
        backtrace(out, r.backtrace());
    }

    /** The kernel's WARN layout: cut line, where, the message, then held locks and the call trace. */
    private static void warning(StringBuilder out, WarningReport r) {
        out.append("------------[ cut here ]------------\n");
        out.append("WARNING: ").append(r.thread()).append(" at ").append(r.at()).append('\n');
        out.append(r.message()).append('\n');
        out.append(r.ident()).append('\n');
        heldLocks(out, r.thread(), r.held());
        out.append("Call Trace:\n");
        trace(out, r.backtrace(), " ");
        out.append("---[ end trace ]---\n");
    }

    /**
     * The hung-task detector's layout (a running thread gets the soft-lockup title instead), then, as
     * {@code debug_show_all_locks} prints it, every thread's held locks.
     */
    private static void stall(StringBuilder out, StallReport r) {
        out.append('\n');
        if (r.running()) {
            out.append("watchdog: BUG: soft lockup - ").append(r.thread()).append(" stuck for ").append(r.seconds())
                    .append("s!\n");
        } else {
            out.append("INFO: task ").append(r.thread()).append(" blocked for more than ").append(r.seconds())
                    .append(" seconds.\n");
        }
        out.append("      ").append(r.ident()).append('\n');
        out.append("task:").append(r.thread()).append(" state:").append(r.state()).append('\n');
        if (r.held().isEmpty()) {
            out.append("it holds no locks\n");
        } else {
            out.append("it has held this lock all that time:\n");
            out.append(" #0: ");
            lockLine(out, r.held().get(0));
        }
        out.append("Call Trace:\n");
        trace(out, r.backtrace(), " ");
        if (!r.waits().isEmpty()) {
            out.append("\nShowing the threads that wait, and for whom:\n");
            r.waits().forEach(w -> out.append(' ').append(w).append('\n'));
        }
        out.append("\nShowing all locks held in the system:\n");
        for (StallReport.ThreadLocks t : r.everyone()) {
            heldLocks(out, t.thread(), t.held());
        }
        out.append("\n=============================================\n\n");
    }

    /** The blank line, the '=' rule, the title, the identity line and the '-' rule. */
    private static void header(StringBuilder out, String title, String ident, int fixedRule) {
        int width = fixedRule > 0 ? fixedRule : title.length();
        out.append('\n').append("=".repeat(width)).append('\n');
        out.append(title).append('\n');
        out.append(ident).append('\n');
        out.append("-".repeat(width)).append('\n');
    }

    /** lockdep's print_lock: {@code <instance> (<name>){usage}-{o:i}, at: <frame>}. */
    private static void lockLine(StringBuilder out, LockRef lock) {
        out.append(lock.instanceId()).append(' ').append(lock.decorated()).append(", at: ").append(lock.at())
                .append('\n');
    }

    /** lockdep_print_held_locks. */
    private static void heldLocks(StringBuilder out, String thread, List<LockRef> held) {
        if (held.isEmpty()) {
            out.append("no locks held by ").append(thread).append(".\n");
            return;
        }
        out.append(held.size()).append(held.size() == 1 ? " lock" : " locks").append(" held by ").append(thread)
                .append(":\n");
        for (int i = 0; i < held.size(); i++) {
            out.append(" #").append(i).append(": ");
            lockLine(out, held.get(i));
        }
    }

    private static void backtrace(StringBuilder out, List<Frame> frames) {
        out.append("\nstack backtrace:\n");
        trace(out, frames, " ");
    }

    private static void trace(StringBuilder out, List<Frame> frames, String indent) {
        for (Frame f : frames) {
            out.append(indent).append(f).append('\n');
        }
    }
}
