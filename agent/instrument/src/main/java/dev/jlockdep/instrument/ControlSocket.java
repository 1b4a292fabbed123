package dev.jlockdep.instrument;

import dev.jlockdep.core.Validator;
import dev.jlockdep.report.JsonDump;
import dev.jlockdep.report.LiveAgent;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
    private static final int MAX_REQUEST = 64;

    private final Validator validator;
    private final ServerSocketChannel server;
    private final Path dir;
    private final Path socket;

    private ControlSocket(Validator validator, ServerSocketChannel server, Path dir, Path socket) {
        this.validator = validator;
        this.server = server;
        this.dir = dir;
        this.socket = socket;
    }

    /** Binds the socket under {@code java.io.tmpdir}; the caller serves it on an agent thread. */
    static ControlSocket open(Validator validator) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(tmp, "jlockdep-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(tmp, "jlockdep-");
        Path socket = dir.resolve("control");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(dir);
            throw e;
        }
        return new ControlSocket(validator, server, dir, socket);
    }

    Path path() {
        return socket;
    }

    /** Answers one connection after another until the JVM exits; a client that goes away costs nothing. */
    void serve() throws IOException {
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

    private void answer(SocketChannel client) throws IOException {
        String request = readLine(client);
        Writer out = Channels.newWriter(client, StandardCharsets.UTF_8);
        if (request.equals(LiveAgent.DUMP_REQUEST)) {
            JsonDump.write(validator.snapshot(), out);
        } else {
            out.write(LiveAgent.ERROR + "unknown request '" + request + "'\n");
        }
        out.flush();
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST);
        while (buffer.hasRemaining() && client.read(buffer) >= 0) {
            byte[] read = new byte[buffer.position()];
            buffer.duplicate().flip().get(read);
            String text = new String(read, StandardCharsets.UTF_8);
            if (text.indexOf('\n') >= 0) {
                return text.substring(0, text.indexOf('\n')).trim();
            }
        }
        return "";
    }

    /** At exit: the socket and its directory go, so that no stale one is left behind. */
    void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // tmp is cleaned by the system in the end
        }
    }
}
