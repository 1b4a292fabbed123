package dev.jlockdep.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.jlockdep.report.LiveAgent;
import java.io.IOException;
import java.io.InputStream;
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
    /** How often the CLI looks again for the socket of an agent that has just started (every 100 ms). */
    private static final int SOCKET_LOOKS = 300;

    final long pid;
    private Properties properties;

    private LiveJvm(long pid, Properties properties) {
        this.pid = pid;
        this.properties = properties;
    }

    static LiveJvm attach(long pid) {
        return new LiveJvm(pid, properties(pid));
    }

    private static Properties properties(long pid) {
        VirtualMachine vm = connect(pid);
        try {
            return vm.getSystemProperties();
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

    /** The dump's JSON as the agent writes it now. */
    String dump() {
        if (agentVersion() == null) {
            throw new BadInput("process " + pid + " does not run the jlockdep agent (start it with -javaagent, or"
                    + " jlockdep attach " + pid + ")");
        }
        String socket = properties.getProperty(LiveAgent.SOCKET_PROPERTY);
        for (int look = 0; socket == null && look < SOCKET_LOOKS; look++) { // the agent opens it just after it starts
            pause();
            properties = properties(pid);
            socket = properties.getProperty(LiveAgent.SOCKET_PROPERTY);
        }
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
                return answer;
            }
        } catch (IOException e) {
            throw new BadInput("cannot ask the agent in process " + pid + " (" + socket + "): " + oneLine(e));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInput("interrupted");
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
