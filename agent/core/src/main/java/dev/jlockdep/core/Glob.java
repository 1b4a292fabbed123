package dev.jlockdep.core;

import java.util.regex.Pattern;

/** The globs of agent options and suppressions: {@code *} matches anything (dots too), {@code ?} one character. */
public final class Glob {
    private Glob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }
}
