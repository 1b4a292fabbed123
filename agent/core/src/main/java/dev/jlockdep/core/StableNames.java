package dev.jlockdep.core;

import java.lang.reflect.Proxy;

/**
 * A class's name as it stays from run to run: a generated class (a mock's, a proxy's, a lambda's, a
 * runtime subclass) is named after the class it was made from. Worked out once per class: objects are
 * bound by the thousand, their classes are few.
 */
final class StableNames {
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            Class<?> c = type;
            while (isGenerated(c)) {
                Class<?> s = c.getSuperclass();
                if (s != null && s != Object.class && s != Proxy.class) {
                    c = s;
                } else if (c.getInterfaces().length > 0) {
                    c = c.getInterfaces()[0]; // a mock or proxy of an interface (a JDK proxy extends Proxy)
                } else {
                    if (s == Proxy.class) {
                        c = s; // a JDK proxy of no interface: Proxy, not its numbered class
                    }
                    break;
                }
            }
            return c.getName();
        }
    };

    private StableNames() {
    }

    static String of(Class<?> type) {
        return NAMES.get(type);
    }

    private static boolean isGenerated(Class<?> c) {
        String n = c.getName();
        return c.isHidden() || c.isSynthetic() || n.contains("$MockitoMock$") || n.contains("$$EnhancerBy")
                || n.contains("$ByteBuddy$") || n.contains("$HibernateProxy$") || n.contains("$$Lambda")
                || isProxy(n);
    }

    /** A name ending in {@code $Proxy} and a number, as {@code java.lang.reflect.Proxy} names its classes. */
    private static boolean isProxy(String n) {
        int at = n.lastIndexOf("$Proxy");
        int digits = at + "$Proxy".length();
        if (at < 0 || digits == n.length()) {
            return false;
        }
        for (int i = digits; i < n.length(); i++) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
