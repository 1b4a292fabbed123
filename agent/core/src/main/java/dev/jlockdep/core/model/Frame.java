package dev.jlockdep.core.model;

/** One Java stack frame, printed where the kernel prints {@code sym+0xoff/0xsize}. */
public record Frame(String className, String methodName, String fileName, int line) {

    @Override
    public String toString() {
        String where = fileName == null ? "Unknown Source"
                : line >= 0 ? fileName + ":" + line : fileName;
        return className + "." + methodName + "(" + where + ")";
    }
}
