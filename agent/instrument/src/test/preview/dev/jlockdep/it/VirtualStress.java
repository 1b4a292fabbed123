package dev.jlockdep.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Tens of thousands of virtual threads (JDK 21 on; run from source on Temurin 25), each taking a
 * shared monitor briefly, then its own monitor and its own ReentrantLock, and sleeping inside them so
 * that it unmounts while holding both. Each has its own held locks; nothing is reported. Since JDK 24 a
 * monitor no longer pins a virtual thread, and the agent must not make it: JFR's
 * jdk.VirtualThreadPinned events are counted. Prints "pinned N" (pins in the program's own code) and
 * "finished"; on stderr, the pins inside the agent's code and where the first pins happened.
 *
 * <p>{@code work} runs once on the main thread first, so that the classes it names are resolved before
 * any virtual thread runs it: the source launcher's class loader is not parallel capable, and the JVM
 * pins a virtual thread that waits for another's first resolution of a class through such a loader
 * ("Freeze or preempt failed (2)" at the resolving line), with or without an agent.
 */
public class VirtualStress {
    private static final Object shared = new Object();
    private static int started;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        Path jfr = Files.createTempFile("virtual-stress", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            recording.start();
            work();
            List<Thread> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                all.add(Thread.ofVirtual().start(VirtualStress::work));
            }
            for (Thread t : all) {
                t.join();
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<jdk.jfr.consumer.RecordedEvent> pins = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
        long pinned = pins.stream().filter(e -> !inAgent(e)).count();
        long inAgent = pins.size() - pinned;
        pins.stream().limit(3).forEach(e -> System.err.println("pinned (" + (e.hasField("pinnedReason")
                ? e.getString("pinnedReason") : "?") + ") at: " + e.getStackTrace().getFrames().stream()
                .limit(16).map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber())
                .toList()));
        Files.delete(jfr);
        synchronized (shared) {
            System.out.println("pinned " + pinned + (started == threads + 1 ? "" : " (only " + started + " ran)"));
            System.err.println("pinned in the agent's own code: " + inAgent);
        }
        System.out.println("finished");
    }

    /** A pin whose stack passes through the agent (a virtual thread blocked in its slow path). */
    private static boolean inAgent(jdk.jfr.consumer.RecordedEvent pin) {
        return pin.getStackTrace().getFrames().stream()
                .map(f -> f.getMethod().getType().getName())
                .anyMatch(type -> type.startsWith("dev.jlockdep.") && !type.startsWith(VirtualStress.class.getName()));
    }

    private static void work() {
        synchronized (shared) {
            started++;
        }
        Object own = new Object();
        ReentrantLock ownLock = new ReentrantLock();
        synchronized (own) {
            ownLock.lock();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ownLock.unlock();
            }
        }
    }
}
