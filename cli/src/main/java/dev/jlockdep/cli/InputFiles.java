package dev.jlockdep.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The text files a command reads besides dumps (a baseline, suppressions): read whole, or one line of why not. */
final class InputFiles {
    private static final long MAX_BYTES = 16L << 20;

    private InputFiles() {
    }

    /** The text of {@code file}, a {@code what} ("baseline"); bad input if missing, too large or not UTF-8 text. */
    static String text(Path file, String what) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInput(file + ": too large for a " + what);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such " + what + " file");
        } catch (MalformedInputException e) {
            throw new BadInput(file + ": not a text file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read: " + e.getMessage());
        }
    }
}
