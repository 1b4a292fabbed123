package dev.jlockdep.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * lockdep's kinds of dependency, as bits: whether the held lock was shared (S) or exclusive (E), and
 * whether the new one is a recursive read (R) or not (N). The dump writes them by name.
 */
public final class DependencyKind {
    /** Held lock shared (read), new lock recursive read. */
    public static final int SR = 1;
    /** Held lock exclusive, new lock recursive read. */
    public static final int ER = 2;
    /** Held lock shared, new lock not recursive read. */
    public static final int SN = 4;
    /** Held lock exclusive, new lock not recursive read. */
    public static final int EN = 8;

    /** The kinds as the dump names them, by bit. */
    private static final List<String> NAMES = List.of("SR", "ER", "SN", "EN");

    private DependencyKind() {
    }

    /** The names of the kind bits set in {@code kinds}, in bit order. */
    public static List<String> names(int kinds) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((kinds & (1 << bit)) != 0) {
                names.add(NAMES.get(bit));
            }
        }
        return names;
    }

    /** The bit of a kind name, or 0 for a name that is none. */
    public static int bit(String name) {
        int bit = NAMES.indexOf(name);
        return bit < 0 ? 0 : 1 << bit;
    }
}
