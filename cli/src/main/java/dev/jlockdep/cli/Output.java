package dev.jlockdep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a command's result to stdout or to a file. An existing file is replaced when jlockdep wrote it
 * (its mark is near its start, or its text report's tally at its end) or it lies under a build's output
 * ({@code target/}, {@code build/}), so that a CI step runs again; any other needs {@code --force}. A
 * new file gets the permissions the umask gives, as any file the user's tools make.
 */
final class Output {
    /** What each of jlockdep's outputs has in its first kilobyte (JSON, SARIF, HTML, DOT, baseline, JUnit XML, dump). */
    private static final List<String> MARKS = List.of("\"schema\": \"jlockdep-report\"", "\"name\": \"jlockdep\"",
            "<meta name=\"generator\" content=\"jlockdep\">", "digraph jlockdep", "# jlockdep baseline",
            "<testsuite name=\"jlockdep\"", "{\"schema\":\"jlockdep-dump\"");
    /** The tally a text report ends with. */
    private static final Pattern TEXT_TALLY = Pattern.compile("jlockdep: \\d+ distinct reports? \\(.*\\) in \\d+ dumps?");

    private Output() {
    }

    static void write(String text, Path file, boolean force, PrintWriter stdout) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        if (Files.exists(file) && !force && !replaceable(file)) {
            throw new BadInput(file + " exists and is not jlockdep's; add --force to overwrite it");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            // Not createTempFile, whose files are private whatever the umask.
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInput("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Whether an existing file may be replaced without --force: jlockdep's own, or a build's output. */
    private static boolean replaceable(Path file) {
        for (Path p = file.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.equals("target") || name.equals("build")) {
                return true;
            }
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            String head = read(in, 0, 1024);
            String tail = read(in, Math.max(0, in.size() - 256), 256).strip();
            return MARKS.stream().anyMatch(head::contains)
                    || TEXT_TALLY.matcher(tail.substring(tail.lastIndexOf('\n') + 1)).matches();
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(SeekableByteChannel in, long from, int most) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(most);
        in.position(from);
        while (buffer.hasRemaining() && in.read(buffer) > 0) {
            // until full or at the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
