package dev.jlockdep.cli;

/** Input the command cannot use; the message is the one line printed before exiting with status 2. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message);
    }
}
