package dev.jlockdep.core.model;

import java.util.List;

/**
 * One {@code -> #N (class){...}:} entry of "the existing dependency chain": the class, and the stack
 * at which it was first taken after the previous class of the chain (for #0, the current stack).
 *
 * @param bareName the class's name without lockdep's usage decoration, for one-line summaries
 * @param notes more stacks that explain the entry: where the first task of a work item's class was
 *              queued; where an event was signalled after its context took this lock
 */
public record ChainLink(int depth, String classKey, String bareName, String decorated, List<Frame> stack, List<Note> notes) {

    /** A stack printed under the entry's own, after a line that says what it is. */
    public record Note(String heading, List<Frame> stack) {
    }
}
