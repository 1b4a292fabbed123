package dev.jlockdep.core;

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
                if (c.getSuperclass() != null && c.getSuperclass() != Object.class) {
                    c = c.getSuperclass();
                } else if (c.getInterfaces().length > 0) {
                    c = c.getInterfaces()[0]; // a mock or proxy of an interface
                } else {
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
                || n.matches(".*\\$Proxy\\d+");
    }
}
