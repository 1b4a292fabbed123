package dev.jlockdep.instrument;

import dev.jlockdep.core.AgentPackages;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what the transformer does to a class: application classes get the full treatment (monitors,
 * synchronized methods, {@code java.util.concurrent} call sites, lock allocations); a short list of JDK
 * classes whose synchronized methods call into other objects get their monitors instrumented;
 * {@code java.lang.Thread} gets the thread-exit check; {@code ThreadPoolExecutor},
 * {@code AbstractExecutorService}, {@code CompletableFuture}'s async tasks and {@code VirtualThread}
 * their task hooks; the
 * public api gets its bridge to the agent;
 * everything else, and the agent itself, nothing.
 */
final class ClassFilter {
    enum Scope { NONE, APPLICATION, JDK_MONITORS, THREAD_EXIT, JDK_EXECUTOR, API }

    /** JDK classes whose monitors are validated: synchronized code that calls into other objects. */
    static final Set<String> JDK_MONITOR_CLASSES = Set.of(
            "java/util/Vector", "java/util/Hashtable", "java/lang/StringBuffer", "java/util/Observable",
            "java/util/Collections$SynchronizedCollection", "java/util/Collections$SynchronizedSet",
            "java/util/Collections$SynchronizedSortedSet", "java/util/Collections$SynchronizedNavigableSet",
            "java/util/Collections$SynchronizedList", "java/util/Collections$SynchronizedRandomAccessList",
            "java/util/Collections$SynchronizedMap", "java/util/Collections$SynchronizedSortedMap",
            "java/util/Collections$SynchronizedNavigableMap");
    static final String THREAD = "java/lang/Thread";

    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

    /** Patterns are class-name globs: {@code *} matches any run of characters, dots included. */
    ClassFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(ClassFilter::glob).toList();
        this.excludes = excludes.stream().map(ClassFilter::glob).toList();
    }

    Scope scope(ClassLoader loader, String internalName) {
        if (internalName.equals(ApiBridgeVisitor.API_CLASS)) {
            return Scope.API;
        }
        String name = internalName.replace('/', '.');
        if (AgentPackages.isAgentClass(name)) {
            return Scope.NONE;
        }
        if (loader == null || loader == platformLoader) {
            if (JDK_MONITOR_CLASSES.contains(internalName)) {
                return Scope.JDK_MONITORS;
            }
            if (internalName.equals(ExecutorVisitor.POOL) || internalName.equals(ExecutorVisitor.SCHEDULED_POOL)
                    || internalName.equals(ExecutorVisitor.EXECUTOR_SERVICE)
                    || internalName.equals(ExecutorVisitor.THREAD_PER_TASK) || internalName.equals(ExecutorVisitor.BOUND_FUTURE)
                    || internalName.equals(ExecutorVisitor.ASYNC_SUPPLY) || internalName.equals(ExecutorVisitor.ASYNC_RUN)
                    || internalName.equals(ExecutorVisitor.VIRTUAL_THREAD)) {
                return Scope.JDK_EXECUTOR;
            }
            return internalName.equals(THREAD) ? Scope.THREAD_EXIT : Scope.NONE;
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(name).matches())) {
            return Scope.NONE;
        }
        if (excludes.stream().anyMatch(p -> p.matcher(name).matches())) {
            return Scope.NONE;
        }
        return Scope.APPLICATION;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
