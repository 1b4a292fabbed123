package dev.jlockdep.cli;

import picocli.CommandLine.Option;

/** {@code --top N}: how many of the busiest lock classes {@code stats} and {@code status} list. */
final class TopOption {
    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "how many lock classes to list; default ${DEFAULT-VALUE}")
    int top;

    int value() {
        if (top < 0) {
            throw new BadInput("--top must not be negative");
        }
        return top;
    }
}
