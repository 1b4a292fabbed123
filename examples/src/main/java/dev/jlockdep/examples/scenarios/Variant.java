package dev.jlockdep.examples.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of every scenario: no argument runs the buggy code, {@code --fixed} the fix, and a
 * scenario may offer more variants; anything else is a one-line usage error and exit status 2.
 */
final class Variant {
    static final String BUGGY = "";
    static final String FIXED = "--fixed";

    private Variant() {
    }

    /** The variant asked for: {@link #BUGGY}, {@link #FIXED} or one of {@code more}. */
    static String parse(String name, String[] args, String... more) {
        List<String> known = new ArrayList<>(List.of(FIXED));
        known.addAll(Arrays.asList(more));
        if (args.length == 0) {
            return BUGGY;
        }
        if (args.length == 1 && known.contains(args[0])) {
            return args[0];
        }
        System.err.println(name + ": unknown arguments '" + String.join(" ", args) + "' (usage: " + name + " ["
                + String.join(" | ", known) + "])");
        System.exit(2);
        return BUGGY;
    }

    /** The scenario's last line: {@code name (variant): what happened}. */
    static void done(String name, String variant, String what) {
        String label = variant.equals(BUGGY) ? "buggy" : variant.equals(FIXED) ? "fixed" : variant.substring(2);
        System.out.println(name + " (" + label + "): " + what);
    }
}
