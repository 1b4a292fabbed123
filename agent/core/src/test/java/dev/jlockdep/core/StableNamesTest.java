package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Generated classes are named after what they were made from; others keep their names. */
class StableNamesTest {
    interface Service {
        void serve();
    }

    /** Not a proxy, though its name has the word; named after its interface if it were taken for one. */
    abstract static class Cache$Proxy implements Service {
    }

    abstract static class Cache$ProxyHolder implements Service {
    }

    abstract static class Cache$Proxy12x implements Service {
    }

    @Test
    void aProxyIsNamedAfterItsInterface() {
        Object proxy = Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                (p, m, a) -> null);
        assertEquals(Service.class.getName(), StableNames.of(proxy.getClass()));
    }

    @Test
    void aProxyOfNoInterfaceIsNamedProxy() {
        Object proxy = Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[0], (p, m, a) -> null);
        assertEquals(Proxy.class.getName(), StableNames.of(proxy.getClass()));
    }

    @Test
    void aNameWithProxyButNoNumberAfterItIsKept() {
        assertEquals(Cache$Proxy.class.getName(), StableNames.of(Cache$Proxy.class));
        assertEquals(Cache$ProxyHolder.class.getName(), StableNames.of(Cache$ProxyHolder.class));
        assertEquals(Cache$Proxy12x.class.getName(), StableNames.of(Cache$Proxy12x.class));
        assertEquals(String.class.getName(), StableNames.of(String.class));
    }
}
