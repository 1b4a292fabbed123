package dev.jlockdep.instrument.hooks;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Observable;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The synchronized methods of the JDK classes whose monitors are validated but whose methods cannot be
 * reshaped (they are loaded before the agent): a call of one is validated at its call site. Methods are
 * named by a number a call site is given at rewrite time, so the hook compares ints.
 */
public final class SynchronizedMethods {
    /** The JDK classes with synchronized methods whose monitors are validated. */
    public static final List<Class<?>> CLASSES = List.of(java.util.Vector.class, java.util.Hashtable.class,
            StringBuffer.class, Observable.class);

    private static final Map<String, Class<?>> BY_INTERNAL_NAME = byInternalName();
    private static final List<String> METHODS = new CopyOnWriteArrayList<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    /** For each class met as a receiver: the numbers of the methods that run synchronized on it. */
    private static final ClassValue<Set<Integer>> SYNCHRONIZED = new ClassValue<>() {
        @Override
        protected Set<Integer> computeValue(Class<?> type) {
            try {
                return synchronizedOf(type);
            } catch (RuntimeException | LinkageError e) {
                return Set.of(); // a class reflection cannot read (a missing parameter type): recorded at entry
            }
        }
    };

    private SynchronizedMethods() {
    }

    /** The number of a method, by name and descriptor ({@code get(Ljava/lang/Object;)Ljava/lang/Object;}). */
    public static synchronized int number(String nameAndDescriptor) {
        return NUMBERS.computeIfAbsent(nameAndDescriptor, k -> {
            METHODS.add(k);
            return METHODS.size() - 1;
        });
    }

    /**
     * Whether {@code owner} (an internal name) is one of the JDK classes whose synchronized methods are
     * known here: asked first, so that other calls neither join strings nor number their methods.
     */
    public static boolean declares(String owner) {
        return BY_INTERNAL_NAME.containsKey(owner);
    }

    /** Whether {@code owner} (an internal name) declares or inherits {@code nameAndDescriptor} synchronized. */
    public static boolean isSynchronized(String owner, String nameAndDescriptor) {
        Class<?> c = BY_INTERNAL_NAME.get(owner);
        return c != null && SYNCHRONIZED.get(c).contains(number(nameAndDescriptor));
    }

    private static Map<String, Class<?>> byInternalName() {
        Map<String, Class<?>> map = new HashMap<>();
        for (Class<?> c : CLASSES) {
            map.put(c.getName().replace('.', '/'), c);
        }
        return Map.copyOf(map);
    }

    /** Cheap first test: only instances of these classes have such methods. */
    static boolean mayBe(Object receiver) {
        for (Class<?> c : CLASSES) {
            if (c.isInstance(receiver)) {
                return true;
            }
        }
        return false;
    }

    static boolean is(Class<?> type, int method) {
        return SYNCHRONIZED.get(type).contains(method);
    }

    /** The methods that run synchronized on an instance of {@code type}: the most specific declaration wins. */
    private static Set<Integer> synchronizedOf(Class<?> type) {
        Set<String> seen = new HashSet<>();
        Set<Integer> result = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                String key = m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                        .toMethodDescriptorString();
                if (seen.add(key) && Modifier.isSynchronized(m.getModifiers())) {
                    result.add(number(key));
                }
            }
        }
        return Set.copyOf(result);
    }
}
