package dev.jlockdep.core.model;

import dev.jlockdep.core.Frame;
import java.util.List;

/**
 * One {@code -> #N (class){...}:} entry of "the existing dependency chain": the class, and the stack
 * at which it was first taken after the previous class of the chain (for #0, the current stack).
 *
 * @param queued for a work item (a task of a pool), where the first task of its class was queued;
 *               empty for a lock
 */
public record ChainLink(int depth, String classKey, String decorated, List<Frame> stack, List<Frame> queued) {
}
