package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.List;

/**
 * A signal ({@code notify}, {@code signal}) sent when no thread waited for its event: a thread that waits
 * for the event later, outside a loop that re-checks its condition, waits for a signal that came first
 * and will not come again (a lost wake-up, told by the watchdog once that wait has lasted).
 *
 * @param thread the signalling thread
 * @param site   where it was sent
 * @param stack  the stack of the first such signal at that site (one walk per site, not per signal)
 */
record LostSignal(HeldLocks thread, int site, List<Frame> stack) {
}
