package dev.jlockdep.examples.scenarios;

/** The command line of every scenario: no argument runs the buggy code, {@code --fixed} the fix. */
final class Variant {
    private Variant() {
    }

    static boolean fixed(String name, String[] args) {
        if (args.length == 0) {
            return false;
        }
        if (args.length == 1 && args[0].equals("--fixed")) {
            return true;
        }
        System.err.println(name + ": usage: " + name + " [--fixed]");
        System.exit(2);
        return false;
    }

    static void done(String name, boolean fixed, String what) {
        System.out.println(name + " (" + (fixed ? "fixed" : "buggy") + "): " + what);
    }
}
