package dev.jlockdep.instrument;

import dev.jlockdep.core.Validator;
import dev.jlockdep.report.JsonDump;
import dev.jlockdep.report.LiveAgent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Answers {@code jlockdep dump PID} and {@code jlockdep status PID} while the JVM runs: a Unix-domain
 * socket in a fresh directory that only this user may enter (so only the user who could attach may ask),
 * published as {@link LiveAgent#SOCKET_PROPERTY}. One request per connection; the answer to
 * {@link LiveAgent#DUMP_REQUEST} is the dump's JSON, read from the live graph as the exit's dump is.
 */
final class ControlSocket {
    private final Validator validator;
    private final PrintStream err;
    private final Object lock = new Object();
    private ServerSocketChannel server;
    private Path dir;
    private Path socket;
    private boolean closed;

    ControlSocket(Validator validator, PrintStream err) {
        this.validator = validator;
        this.err = err;
    }

    /**
     * Opens the socket under {@code java.io.tmpdir} and publishes it; without it the agent still
     * validates, and the property says why, as the log does once.
     */
    boolean open() {
        try {
            bind();
        } catch (IOException | RuntimeException e) {
            err.println("jlockdep: no control socket (" + e + "): jlockdep dump and status cannot ask this JVM");
            System.setProperty(LiveAgent.SOCKET_PROPERTY, LiveAgent.NO_SOCKET + e);
            return false;
        }
        System.setProperty(LiveAgent.SOCKET_PROPERTY, socket.toString());
        return true;
    }

    /** The directory only this user may enter that holds the socket, once {@link #open} succeeded; else null. */
    Path directory() {
        synchronized (lock) {
            return dir;
        }
    }

    /** Answers one connection after another until the JVM exits. */
    void serve() {
        while (true) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException | RuntimeException clientGone) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void bind() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the JVM exits");
            }
            dir = privateDirectory(Path.of(System.getProperty("java.io.tmpdir")));
            socket = dir.resolve("control");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        }
    }

    /**
     * A new directory only this user may enter, named by the clock: not createTempDirectory, whose
     * SecureRandom costs the start-up tens of classes and a seeding; nor the process id, whose
     * {@code ProcessHandle} starts a thread pool the application may never use.
     */
    private static Path privateDirectory(Path tmp) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (int n = 0; ; n++) {
            Path dir = tmp.resolve("jlockdep-" + Long.toHexString(System.nanoTime() + n));
            try {
                return posix ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"))) : Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another's: try the next name
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        String line = new BufferedReader(Channels.newReader(client, StandardCharsets.UTF_8)).readLine();
        String request = line == null ? "" : line.strip();
        Writer out = Channels.newWriter(client, StandardCharsets.UTF_8);
        if (request.equals(LiveAgent.DUMP_REQUEST)) {
            JsonDump.write(validator.snapshot(), out);
        } else {
            out.write(LiveAgent.ERROR + "unknown request '" + request + "'\n");
        }
        out.flush();
    }

    /** At exit: the socket and its directory go, so that no stale one is left behind. */
    void close() {
        synchronized (lock) {
            closed = true;
            try {
                if (server != null) {
                    server.close();
                }
                if (socket != null) {
                    Files.deleteIfExists(socket);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException ignored) {
                // tmp is cleaned by the system in the end
            }
        }
    }
}
