package dev.jlockdep.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a test program in a forked JVM with the built agent jar, on the JDK that runs the build and on
 * Temurin 25, and normalises what legitimately differs between JDKs and runs: thread ids, the JDK's
 * own line numbers, the identity line.
 */
public final class AgentRun {
    public static final Path AGENT_JAR = Path.of(required("jlockdep.agent.jar"));
    public static final String TEST_CLASSPATH = required("jlockdep.test.classpath");

    public record Result(int exit, String stdout, String stderr) {
        /** stderr with thread ids (not the {@code 0:1} of {@code kworker/0:1}), JDK line numbers and the identity line normalised. */
        public String reports() {
            return normalise(stderr);
        }
    }

    private AgentRun() {
    }

    /** The JDKs every end-to-end test runs on. */
    public static Stream<Path> jdks() {
        return Stream.of(Path.of(System.getProperty("java.home")), jdk25());
    }

    /** Temurin 25, where the tests of JDK 21 and later APIs run. */
    public static Path jdk25() {
        Path jdk25 = Path.of(required("jlockdep.jdk25.home"));
        assertTrue(Files.isExecutable(jdk25.resolve("bin/java")), "Temurin 25 expected at " + jdk25);
        return jdk25;
    }

    /**
     * Runs a program of src/test/preview, which needs JDK 21 and later APIs, from source on Temurin 25
     * (with --enable-preview, for structured concurrency).
     */
    public static Result runFromSource(String program, List<String> args) {
        return run(jdk25(), null, PREVIEW, previewSource(program), args);
    }

    /** As {@link #runFromSource}, with its dump. */
    public static Dumped runFromSourceDumped(String program, List<String> args) {
        return runDumped(jdk25(), null, PREVIEW, previewSource(program), args);
    }

    private static final List<String> PREVIEW = List.of("--enable-preview", "--source", "25");

    private static String previewSource(String program) {
        return "src/test/preview/dev/jlockdep/it/" + program + ".java";
    }

    public static Result run(Path jdk, String agentArgs, String mainClass, String... jvmArgs) {
        return run(jdk, agentArgs, List.of(jvmArgs), mainClass, List.of());
    }

    /** Runs {@code mainClass} with program arguments {@code args}. */
    public static Result run(Path jdk, String agentArgs, List<String> jvmArgs, String mainClass, List<String> args) {
        return run(jdk, true, agentArgs, jvmArgs, "", mainClass, args);
    }

    /**
     * Runs {@code mainClass} with or without the agent, with {@code classpath} (if not empty) after the
     * test classes on the class path.
     */
    public static Result run(Path jdk, boolean withAgent, String agentArgs, List<String> jvmArgs, String classpath,
                             String mainClass, List<String> args) {
        return run(jdk, withAgent, agentArgs, jvmArgs, classpath, mainClass, args, 600);
    }

    /** As above, failing the test if the JVM runs longer than {@code timeoutSeconds}. */
    public static Result run(Path jdk, boolean withAgent, String agentArgs, List<String> jvmArgs, String classpath,
                             String mainClass, List<String> args, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.resolve("bin/java").toString());
        if (withAgent) {
            cmd.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath.isEmpty() ? TEST_CLASSPATH : TEST_CLASSPATH + File.pathSeparator + classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Path out = Files.createTempFile("jlockdep-out", ".txt");
            Path err = Files.createTempFile("jlockdep-err", ".txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Runs {@code mainClass} under the agent, a program that hangs, until its stdout has a line starting
     * with {@code stdoutLine} (the program's own proof that it hung), then ends the JVM and returns what
     * it printed until then (exit status -1): a report printed before the hang is all there. Fails if the
     * JVM ends first, or says nothing after {@code timeoutSeconds}.
     */
    public static Result runUntilHung(Path jdk, String mainClass, String stdoutLine, int timeoutSeconds) {
        return runUntilHung(jdk, mainClass, List.of(), stdoutLine, timeoutSeconds);
    }

    /** The same, with arguments for the program. */
    public static Result runUntilHung(Path jdk, String mainClass, List<String> args, String stdoutLine,
                                      int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-javaagent:" + AGENT_JAR,
                "-cp", TEST_CLASSPATH, mainClass));
        cmd.addAll(args);
        return runUntil(cmd, false, lines -> lines.stream().anyMatch(l -> l.startsWith(stdoutLine)),
                "a line '" + stdoutLine + "' on stdout", timeoutSeconds);
    }

    /**
     * Runs {@code mainClass} under the agent with {@code agentArgs} until its stderr holds {@code stderrLine}
     * (a line starting with it) and then the next line that starts with {@code thenLine} (the report's
     * end), then ends the JVM: for a program that hangs for good, once the watchdog has told of it.
     */
    public static Result runUntilReported(Path jdk, String agentArgs, String mainClass, List<String> args,
                                          String stderrLine, String thenLine, int timeoutSeconds) {
        return runUntilReported(jdk, agentArgs, List.of(), mainClass, args, stderrLine, thenLine, timeoutSeconds);
    }

    /** As {@link #runUntilReported(Path, String, String, List, String, String, int)}, with options for the JVM. */
    public static Result runUntilReported(Path jdk, String agentArgs, List<String> jvmArgs, String mainClass,
                                          List<String> args, String stderrLine, String thenLine, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(),
                "-javaagent:" + AGENT_JAR + "=" + agentArgs));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", TEST_CLASSPATH, mainClass));
        cmd.addAll(args);
        return runUntil(cmd, true, lines -> {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (at < 0 && lines.get(i).startsWith(stderrLine)) {
                    at = i;
                } else if (at >= 0 && lines.get(i).startsWith(thenLine)) {
                    return true;
                }
            }
            return false;
        }, "'" + stderrLine + "' then '" + thenLine + "' on stderr", timeoutSeconds);
    }

    /**
     * Runs {@code cmd} until the lines of one of its streams (stderr if {@code watchStderr}, else stdout)
     * satisfy {@code seen}, then ends the JVM and returns what it printed (exit status -1). The other
     * stream goes to a file (stderr) or nowhere (stdout): ending the JVM closes its pipes, and lines
     * still unread in one would be lost. Fails if the JVM ends first, or after {@code timeoutSeconds}.
     */
    private static Result runUntil(List<String> cmd, boolean watchStderr, Predicate<List<String>> seen,
                                   String waitingFor, int timeoutSeconds) {
        Process p = null;
        Path err = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd);
            if (watchStderr) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            } else {
                err = Files.createTempFile("jlockdep-err", ".txt");
                builder.redirectError(err.toFile());
            }
            p = builder.start();
            Lines watched = Lines.read(watchStderr ? p.getErrorStream() : p.getInputStream());
            boolean found = watched.await(seen, System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds));
            p.destroyForcibly().waitFor();
            watched.awaitEnd();
            String errText = watchStderr ? watched.text() : Files.readString(err, StandardCharsets.UTF_8);
            String outText = watchStderr ? "" : watched.text();
            if (!found) {
                fail("no " + waitingFor + " from " + cmd + "\nstderr:\n" + errText + "\nstdout:\n" + outText);
            }
            return new Result(-1, outText, errText);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (err != null) {
                err.toFile().delete();
            }
        }
    }

    /** The lines of a stream as they come, read by a thread of their own. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        static Lines read(InputStream in) {
            Lines l = new Lines();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        l.add(line);
                    }
                } catch (IOException e) {
                    // the JVM was ended: the lines so far are all there is
                } finally {
                    l.end();
                }
            }, "agent-run-reader");
            reader.setDaemon(true);
            reader.start();
            return l;
        }

        private synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        private synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** Waits until the lines so far satisfy {@code done}; false if the stream ends or the deadline passes first. */
        synchronized boolean await(Predicate<List<String>> done, long deadline)
                throws InterruptedException {
            while (!done.test(lines)) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** Waits until the stream has ended (its process ended: every line written is read by then). */
        synchronized void awaitEnd() throws InterruptedException {
            while (!ended) {
                wait();
            }
        }

        synchronized String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }

    /** A run with its dump: what the agent counted, to show that it saw the program (even when silent). */
    public record Dumped(Result result, JsonObject dump) {
        public JsonObject stats() {
            return dump.getAsJsonObject("stats");
        }

        /** The dump's dependencies as "from -> to", by class name, in the dump's order. */
        public List<String> dependencies() {
            return dependencies("name");
        }

        /** The names of the dump's lock classes, in the dump's order. */
        public List<String> classNames() {
            List<String> names = new ArrayList<>();
            dump.getAsJsonArray("classes").forEach(c -> names.add(c.getAsJsonObject().get("name").getAsString()));
            return names;
        }

        /** The dump's dependencies as "from -> to", by class key, in the dump's order. */
        public List<String> dependencyKeys() {
            return dependencies("key");
        }

        private List<String> dependencies(String by) {
            Map<Integer, String> names = new HashMap<>();
            for (JsonElement c : dump.getAsJsonArray("classes")) {
                names.put(c.getAsJsonObject().get("id").getAsInt(), c.getAsJsonObject().get(by).getAsString());
            }
            List<String> out = new ArrayList<>();
            for (JsonElement e : dump.getAsJsonArray("dependencies")) {
                JsonObject o = e.getAsJsonObject();
                out.add(names.get(o.get("from").getAsInt()) + " -> " + names.get(o.get("to").getAsInt()));
            }
            return out;
        }

        /**
         * Fails unless the agent rewrote classes and met at least {@code classes} lock classes: a run
         * that reports nothing must still have been seen, or it proves nothing.
         */
        public void assertSeen(int classes) {
            long rewritten = stats().get("classesInstrumented").getAsLong();
            long met = stats().get("classes").getAsLong();
            if (rewritten == 0 || met < classes) {
                throw new AssertionError("the agent saw too little: " + stats());
            }
        }
    }

    /** As {@link #run(Path, String, List, String, List)}, with {@code dump=} added to the agent's options. */
    public static Dumped runDumped(Path jdk, String agentArgs, List<String> jvmArgs, String mainClass, List<String> args) {
        try {
            Path dump = Files.createTempFile("jlockdep-dump", ".json");
            try { // deleted even when the JVM wrote no dump, so that a failing test leaves nothing in /tmp
                Result r = run(jdk, (agentArgs == null ? "" : agentArgs + ",") + "dump=" + dump, jvmArgs, mainClass, args);
                JsonObject json = JsonParser.parseString(Files.readString(dump, StandardCharsets.UTF_8)).getAsJsonObject();
                return new Dumped(r, json);
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final Pattern THREAD_ID = Pattern.compile("([A-Za-z0-9_\\])-])/\\d+(?=[ .]|:(?!\\d)|$)", Pattern.MULTILINE);
    private static final Pattern JDK_LINE = Pattern.compile("^(\\s*(?:.*at:? )?java\\.[^(]*\\([A-Za-z]+\\.java)(?::\\d+)?\\)",
            Pattern.MULTILINE);
    private static final Pattern IDENT = Pattern.compile("^( *)\\S+ jlockdep \\S+ (Not tainted|Tainted: W)$", Pattern.MULTILINE);

    private static final Pattern INSTANCE_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");

    /**
     * Instance ids as the order in which they first appear: a JDK thread that happens to take a
     * validated monitor first must not shift them, while the same id must still mean the same lock.
     */
    public static String canonicalInstances(String text) {
        Map<String, String> seen = new HashMap<>();
        return INSTANCE_ID.matcher(text).replaceAll(m -> seen.computeIfAbsent(m.group(), k -> "<lock" + (seen.size() + 1) + ">"));
    }

    public static String normalise(String text) {
        String s = THREAD_ID.matcher(text).replaceAll("$1/TID");
        s = JDK_LINE.matcher(s).replaceAll("$1)");
        return IDENT.matcher(s).replaceAll("$1JVM jlockdep VERSION $2");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " not set: run through Maven (mvn verify)");
        }
        return value;
    }
}
