package dev.jlockdep.instrument;

import dev.jlockdep.core.ReportSink;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Suppressions;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.Watchdog;
import dev.jlockdep.instrument.boot.AgentClassPreloader;
import dev.jlockdep.instrument.boot.AgentCompilation;
import dev.jlockdep.instrument.boot.BootstrapBridge;
import dev.jlockdep.instrument.boot.InstanceFields;
import dev.jlockdep.instrument.boot.ModuleAccess;
import dev.jlockdep.instrument.hooks.HookRuntime;
import dev.jlockdep.instrument.jfr.JfrEvents;
import dev.jlockdep.instrument.juc.JucLocks;
import dev.jlockdep.instrument.juc.WorkqueueModel;
import dev.jlockdep.instrument.transform.ApiBridgeRewrite;
import dev.jlockdep.instrument.transform.ClassFilter;
import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.InitOriginScan;
import dev.jlockdep.instrument.transform.LockTransformer;
import dev.jlockdep.instrument.transform.MakerRoleScan;
import dev.jlockdep.instrument.transform.RewriteContext;
import dev.jlockdep.instrument.transform.app.LockRewrite;
import dev.jlockdep.instrument.transform.jdk.JdkRewrites;
import dev.jlockdep.report.LiveAgent;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Starts the agent: builds the validator, installs the hooks and the bridge that lets every class call
 * them, installs the transformer, retransforms the JDK classes whose monitors are validated, and
 * arranges the dump.
 */
final class AgentStarter {
    private AgentStarter() {
    }

    private static boolean started;
    /** The most the start-up waits for the socket and the JFR listener (they take milliseconds). */
    private static final int LIVE_SETUP_SECONDS = 10;
    /** More than the classes the retransformation can load, in turn, as it runs. */
    private static final int MAX_RETRANSFORM_ROUNDS = 4;

    /**
     * @param attached loaded into a running JVM: classes already loaded are instrumented now, and what
     *                 was locked before is unknown (so a release of such a lock is no bad unlock)
     */
    static synchronized void start(AgentOptions options, Instrumentation inst, String version, boolean attached)
            throws ReflectiveOperationException, IOException, InterruptedException {
        if (started) {
            if (attached) { // a second attach: jlockdep attach says so on its side; this JVM's output stays clean
                return;
            }
            throw new IllegalStateException("jlockdep: the agent already runs in this JVM");
        }
        started = true;
        Instant startedAt = Instant.now();
        LongSupplier pid = () -> ProcessHandle.current().pid();
        Path log = options.log == null ? null : AgentOptions.expand(options.log, pid, startedAt).toAbsolutePath();
        PrintStream err = log == null ? System.err : openLog(log);
        if (log != null) {
            System.setProperty(LiveAgent.LOG_PROPERTY, log.toString()); // what jlockdep attach says
        }
        Suppressions suppressions = SuppressionFiles.load(options);
        ModuleAccess.openLockInternals(inst);
        AgentCompilation.open(inst); // before the agent thread that adds the directives
        String ident = System.getProperty("java.runtime.version") + " jlockdep " + version;
        SiteRegistry sites = new SiteRegistry();
        ReportSink printer = new ReportPrinter(err);
        ReportSink events = hasFlightRecorder() ? JfrEvents.sink() : null;
        Validator validator = new Validator(new Validator.Config(options.once, options.stackDepth, ident, version,
                attached, options.limits(), options.events, options.wakeUps),
                sites, new JucLocks(InstanceFields.INSTANCE), events == null ? printer : r -> {
                    printer.report(r);
                    events.report(r);
                });
        validator.suppress(suppressions);
        validator.initOrigins(new InitOriginScan());
        validator.makerRoles(new MakerRoleScan());
        validator.enterAgent();
        try {
            FaultNotice faults = new FaultNotice(err);
            HookRuntime.install(validator, faults,
                    WorkqueueModel.create(validator, HookRuntime::fault, err::println));
            if (AgentClassPreloader.needed()) {
                HookRuntime.beforeVirtualThreads(AgentClassPreloader::preload);
            }
            ControlSocket control = new ControlSocket(validator, err);
            CountDownLatch liveReady = new CountDownLatch(1);
            // Beside the rest of the start-up, on 2 cores mostly hidden by it: Flight Recorder's listener
            // loads a hundred classes and the socket's first bind seeds a SecureRandom. Never after it:
            // this thread loading and linking while the application's virtual threads link theirs pins them.
            startAgentThread("jlockdep-live", validator, () -> {
                boolean open;
                try {
                    if (events != null) {
                        JfrEvents.registerStatistics(validator);
                    }
                    open = control.open();
                    if (open) {
                        AgentCompilation.apply(control.directory());
                    }
                } finally {
                    liveReady.countDown();
                }
                if (open) {
                    control.serve();
                }
            });
            BootstrapBridge.install(inst);
            InstanceFields.install();
            ClassRewrite application = LockRewrite.application();
            ClassFilter filter = new ClassFilter(options.includes, options.excludes, new ApiBridgeRewrite(),
                    application, JdkRewrites.ALL);
            LockTransformer transformer = new LockTransformer(filter, RewriteContext.bridged(sites, options.classInits), validator,
                    err::println);
            transformer.warmUp(application);
            inst.addTransformer(transformer, true);
            retransformLoadedClasses(inst, filter, attached, err);
            // A thread that ends now links the thread-exit hook's call site: left to the first virtual
            // threads to end, its linking pins them (MethodTypeForm's monitor, under a native frame).
            Thread ending = new Thread(() -> { }, "jlockdep-warmup");
            ending.start();
            ending.join();
            // Buries the instance entries of collected locks.
            startAgentThread("jlockdep-reaper", validator, validator::reapCollectedInstances);
            if (options.watchdog > 0) {
                Watchdog watchdog = new Watchdog(validator, options.watchdog);
                startAgentThread("jlockdep-watchdog", validator, () -> {
                    while (validator.enabled()) {
                        Thread.sleep(watchdog.periodMillis());
                        watchdog.check(System.nanoTime());
                    }
                });
            }
            if (attached) {
                err.println("jlockdep: attached to a running JVM: locks taken before now are not known,"
                        + " and releasing one is not reported");
            }
            // %p: the process id, so that every forked JVM of a build writes its own dump.
            DumpWriter dump = options.dump == null ? null
                    : new DumpWriter(validator, AgentOptions.expand(options.dump, pid, startedAt), err);
            if (dump != null && options.dumpEvery > 0) {
                startAgentThread("jlockdep-dump", validator, () -> dump.every(options.dumpEvery));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> atExit(validator, faults, dump, control, err),
                    "jlockdep-exit"));
            if (!liveReady.await(LIVE_SETUP_SECONDS, TimeUnit.SECONDS)) {
                err.println("jlockdep: the control socket is not open yet; the JVM starts without waiting for it");
            }
            // Last: a JVM that says it runs the agent has its socket's property set (or why it has none).
            System.setProperty(LiveAgent.VERSION_PROPERTY, String.valueOf(version));
        } finally {
            validator.leaveAgent();
        }
    }

    /** Whether this JVM has Flight Recorder: a run-time image without {@code jdk.jfr} never loads the event classes. */
    private static boolean hasFlightRecorder() {
        return ModuleLayer.boot().findModule("jdk.jfr").isPresent();
    }

    /** The file the agent's output goes to instead of stderr: appended to, so that nothing is lost on a restart. */
    private static PrintStream openLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("jlockdep: cannot open the log " + file + ": " + e.getMessage(), e);
        }
    }

    /** A fault that could not be said when it happened (out of memory) is said now; then the dump, if asked for. */
    private static void atExit(Validator validator, FaultNotice faults, DumpWriter dump, ControlSocket control,
                               PrintStream err) {
        validator.enterAgent();
        faults.sayPending();
        int suppressed = validator.suppressedCount();
        if (suppressed > 0) {
            err.println("jlockdep: " + suppressed + (suppressed == 1 ? " problem" : " problems")
                    + " suppressed (kept in the dump, marked with the rule)");
        }
        if (dump != null) {
            dump.write(true);
        }
        control.close();
        err.flush();
    }

    /** What an agent thread does until it is interrupted. */
    private interface AgentWork {
        void run() throws InterruptedException;
    }

    /**
     * A daemon thread of the agent's: marked as agent code, so its own locking is not recorded; a fault
     * in it is the validator's, which turns off, and the thread ends.
     */
    private static void startAgentThread(String name, Validator validator, AgentWork work) {
        Thread thread = new Thread(() -> {
            validator.enterAgent();
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                HookRuntime.fault(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The JDK classes whose monitors are validated are loaded before any agent runs; after an attach,
     * the application's classes are too. Retransformed in one call; a failure is said, never fatal. A
     * class loaded while the transformer runs is not given to it (the JDK's instrumentation does not
     * re-enter a transformer on its thread), so one that the retransformation itself loaded is
     * retransformed after it, until none is new.
     */
    private static void retransformLoadedClasses(Instrumentation inst, ClassFilter filter, boolean attached,
                                                 PrintStream err) {
        Set<Class<?>> done = new HashSet<>();
        for (int round = 0; round < MAX_RETRANSFORM_ROUNDS; round++) {
            List<Class<?>> targets = new ArrayList<>();
            for (Class<?> c : inst.getAllLoadedClasses()) {
                ClassRewrite rewrite = c.isArray() || c.isPrimitive() || c.isHidden() || done.contains(c) ? null
                        : filter.rewriteFor(c.getClassLoader(), c.getName().replace('.', '/'));
                if (rewrite != null && (rewrite.retransformAtStart() || attached) && inst.isModifiableClass(c)) {
                    targets.add(c);
                }
            }
            if (targets.isEmpty()) {
                return;
            }
            done.addAll(targets);
            try {
                inst.retransformClasses(targets.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                err.println("jlockdep: could not instrument the classes loaded before the agent: " + e);
                return;
            }
        }
    }
}
