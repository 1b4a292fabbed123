package dev.jlockdep.core.model;

import java.util.Objects;

/**
 * One Java stack frame, printed where the kernel prints {@code sym+0xoff/0xsize}. Its {@code equals} and
 * {@code hashCode} are written out: a record's own are linked through {@code ObjectMethods} at first use,
 * which the agent's start-up paid for (about 5 ms on a 2-core host).
 */
public record Frame(String className, String methodName, String fileName, int line) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && line == f.line && Objects.equals(className, f.className)
                && Objects.equals(methodName, f.methodName) && Objects.equals(fileName, f.fileName);
    }

    @Override
    public int hashCode() {
        return ((Objects.hashCode(className) * 31 + Objects.hashCode(methodName)) * 31 + Objects.hashCode(fileName)) * 31
                + line;
    }

    @Override
    public String toString() {
        String where = fileName == null ? "Unknown Source"
                : line >= 0 ? fileName + ":" + line : fileName;
        return className + "." + methodName + "(" + where + ")";
    }
}
