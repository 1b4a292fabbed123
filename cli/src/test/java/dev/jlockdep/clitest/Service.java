package dev.jlockdep.clitest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A service that keeps running until told to stop: it reads one command per line on stdin and answers
 * each on stdout once done, so a test waits for states, never for time.
 * <ul>
 *   <li>{@code abba}: takes two locks in both orders, on one thread (a circular report);</li>
 *   <li>{@code hold}: a thread takes a lock and keeps it until {@code release} (a watchdog stall);</li>
 *   <li>{@code statistics}: waits until Flight Recorder has emitted the agent's statistics event;</li>
 *   <li>{@code stop}, or the end of stdin: exits.</li>
 * </ul>
 */
public class Service {
    private static final Object first = new Object();
    private static final Object second = new Object();
    private static final Object held = new Object();

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CountDownLatch release = new CountDownLatch(1);
        System.out.println("ready");
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            switch (line) {
                case "abba" -> abba();
                case "hold" -> hold(release);
                case "release" -> release.countDown();
                case "statistics" -> awaitStatistics();
                default -> System.out.println("unknown: " + line);
            }
            System.out.println(line + " done");
        }
    }

    private static void abba() {
        synchronized (first) {
            synchronized (second) {
                System.out.println("first then second");
            }
        }
        synchronized (second) {
            synchronized (first) {
                System.out.println("second then first");
            }
        }
    }

    private static void hold(CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            synchronized (held) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "holder");
        t.setDaemon(true);
        t.start();
        holding.await();
    }

    /** A stream of this JVM's own events: returns once the agent's periodic event has been emitted. */
    private static void awaitStatistics() throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        try (jdk.jfr.consumer.RecordingStream stream = new jdk.jfr.consumer.RecordingStream()) {
            stream.enable("dev.jlockdep.Statistics");
            stream.onEvent("dev.jlockdep.Statistics", e -> seen.countDown());
            stream.startAsync();
            seen.await();
        }
    }
}
