package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.app.LockRewrite;
import java.util.List;
import java.util.Set;

/** Every rewrite of a JDK class, one per type (or family of types) the agent teaches lockdep to. */
public final class JdkRewrites {
    /** JDK classes whose monitors are validated: synchronized code that calls into other objects. */
    static final Set<String> MONITOR_CLASSES = Set.of(
            "java/util/Vector", "java/util/Hashtable", "java/lang/StringBuffer", "java/util/Observable",
            "java/util/Collections$SynchronizedCollection", "java/util/Collections$SynchronizedSet",
            "java/util/Collections$SynchronizedSortedSet", "java/util/Collections$SynchronizedNavigableSet",
            "java/util/Collections$SynchronizedList", "java/util/Collections$SynchronizedRandomAccessList",
            "java/util/Collections$SynchronizedMap", "java/util/Collections$SynchronizedSortedMap",
            "java/util/Collections$SynchronizedNavigableMap");

    public static final List<ClassRewrite> ALL = List.of(LockRewrite.monitorsOf(MONITOR_CLASSES),
            new ThreadExitRewrite(), new ClassLoadingRewrite(), new VirtualThreadRewrite(), new ThreadPoolExecutorRewrite(),
            new ExecutorServiceRewrite(), new ThreadPerTaskExecutorRewrite(), new CompletableFutureAsyncRewrite());

    private JdkRewrites() {
    }
}
