package dev.jlockdep.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.jlockdep.report.DumpReader;
import dev.jlockdep.report.LiveAgent;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A running JVM, as the Attach API shows it: whether the agent runs there, and its dump, asked over the
 * agent's socket ({@link LiveAgent}). Reading a JVM's properties prints nothing in it; every failure is
 * one line ({@link BadInput}).
 */
final class LiveJvm {
    final long pid;
    private final Properties properties;

    private LiveJvm(long pid, Properties properties) {
        this.pid = pid;
        this.properties = properties;
    }

    static LiveJvm attach(long pid) {
        VirtualMachine vm = connect(pid);
        try {
            return new LiveJvm(pid, vm.getSystemProperties());
        } catch (IOException e) {
            throw new BadInput("cannot read the properties of process " + pid + ": " + oneLine(e));
        } finally {
            detach(vm);
        }
    }

    static VirtualMachine connect(long pid) {
        if (ProcessHandle.of(pid).isEmpty()) { // at once, rather than after the Attach API's ten seconds
            throw new BadInput("cannot attach to process " + pid + ": no such process");
        }
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            throw new BadInput("cannot attach to process " + pid + ": " + oneLine(e));
        }
    }

    static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the JVM went away; nothing to release
        }
    }

    /** The agent's version, or null when the agent does not run in this JVM. */
    String agentVersion() {
        return properties.getProperty(LiveAgent.VERSION_PROPERTY);
    }

    /** A running agent's dump: its JSON as sent, and as read (so that it is known to be a dump). */
    record LiveDump(String json, LoadedDump loaded) {
    }

    /** The dump as the agent writes it now. */
    LiveDump dump() {
        if (agentVersion() == null) {
            throw new BadInput("process " + pid + " does not run the jlockdep agent (start it with -javaagent, or"
                    + " jlockdep attach " + pid + ")");
        }
        String socket = properties.getProperty(LiveAgent.SOCKET_PROPERTY); // set before the version is
        if (socket == null || socket.startsWith(LiveAgent.NO_SOCKET)) {
            throw new BadInput("the agent in process " + pid + " has no control socket"
                    + (socket == null ? "" : " (" + socket.substring(LiveAgent.NO_SOCKET.length()) + ")"));
        }
        try (SocketChannel channel = open(Path.of(socket))) {
            channel.write(ByteBuffer.wrap((LiveAgent.DUMP_REQUEST + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            try (InputStream in = Channels.newInputStream(channel)) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (answer.startsWith(LiveAgent.ERROR) || answer.isEmpty()) {
                    throw new BadInput("the agent in process " + pid + " answered: "
                            + (answer.isEmpty() ? "nothing" : answer.strip()));
                }
                return new LiveDump(answer, DumpReader.read(Path.of("the dump of process " + pid),
                        new StringReader(answer)));
            }
        } catch (DumpReader.BadDumpException e) {
            throw new BadInput(e.getMessage());
        } catch (IOException e) {
            throw new BadInput("cannot ask the agent in process " + pid + " (" + socket + "): " + oneLine(e));
        }
    }

    /** The socket as the JVM named it, else through its root when it runs in another mount namespace (a container). */
    private SocketChannel open(Path socket) throws IOException {
        Path viaRoot = Path.of("/proc", Long.toString(pid), "root").resolve(socket.toString().substring(1));
        Path path = Files.exists(socket) || !socket.isAbsolute() || !Files.exists(viaRoot) ? socket : viaRoot;
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
