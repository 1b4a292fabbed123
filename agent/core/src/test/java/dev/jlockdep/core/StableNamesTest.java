package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Generated classes are named after what they were made from; others keep their names. */
class StableNamesTest {
    interface Service {
        void serve();
    }

    /** Not a proxy, though its name has the word. */
    static class Cache$Proxy {
    }

    static class Cache$ProxyHolder {
    }

    @Test
    void aProxyIsNamedAfterItsInterface() {
        Object proxy = Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                (p, m, a) -> null);
        assertEquals(Service.class.getName(), StableNames.of(proxy.getClass()));
    }

    @Test
    void aNameWithProxyButNoNumberAfterItIsKept() {
        assertEquals(Cache$Proxy.class.getName(), StableNames.of(Cache$Proxy.class));
        assertEquals(Cache$ProxyHolder.class.getName(), StableNames.of(Cache$ProxyHolder.class));
        assertEquals(String.class.getName(), StableNames.of(String.class));
    }
}
