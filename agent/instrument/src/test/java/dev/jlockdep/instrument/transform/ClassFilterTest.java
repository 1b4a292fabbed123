package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rewrite a class gets, by its loader and name. */
class ClassFilterTest {
    /** A rewrite that only says which it is. */
    private record Named(String name, String only) implements ClassRewrite {
        @Override
        public boolean matches(String internalName) {
            return only == null || only.equals(internalName);
        }

        @Override
        public byte[] rewrite(byte[] classFile, ClassLoader loader, boolean loaded, RewriteContext context) {
            return null;
        }
    }

    private final ClassRewrite api = new ApiBridgeRewrite();
    private final ClassRewrite application = new Named("application", null);
    private final ClassRewrite vector = new Named("vector", "java/util/Vector");
    private final ClassRewrite pool = new Named("pool", "java/util/concurrent/ThreadPoolExecutor");
    private final ClassLoader app = ClassFilterTest.class.getClassLoader();
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    private ClassFilter filter(List<String> includes, List<String> excludes) {
        return new ClassFilter(includes, excludes, api, application, List.of(vector, pool));
    }

    @Test
    void jdkClassesGetTheirOwnRewriteOrNone() {
        ClassFilter f = filter(List.of(), List.of());
        assertSame(vector, f.rewriteFor(null, "java/util/Vector"));
        assertSame(pool, f.rewriteFor(null, "java/util/concurrent/ThreadPoolExecutor"));
        assertNull(f.rewriteFor(null, "java/util/ArrayList"));
        assertNull(f.rewriteFor(platform, "java/sql/DriverManager"));
        assertSame(application, f.rewriteFor(app, "java/util/Vector"), "a class of that name the application loaded");
    }

    @Test
    void theAgentIsNeverRewrittenButItsApiIsBridged() {
        ClassFilter f = filter(List.of(), List.of());
        assertNull(f.rewriteFor(app, "dev/jlockdep/core/Validator"));
        assertNull(f.rewriteFor(app, "dev/jlockdep/shaded/bytebuddy/ByteBuddy"));
        assertNull(f.rewriteFor(null, "java/lang/$JLockdep"));
        assertSame(api, f.rewriteFor(app, "dev/jlockdep/api/Lockdep"));
        assertSame(api, f.rewriteFor(app, "dev/jlockdep/api/kernel/TaskContext"));
        assertNull(f.rewriteFor(app, "dev/jlockdep/api/kernel/Memalloc"));
    }

    @Test
    void includesAndExcludesAreGlobsOverDottedNames() {
        ClassFilter f = filter(List.of("com.acme.*", "org.x.Exact"), List.of("com.acme.gen.*", "*$Proxy*"));
        assertSame(application, f.rewriteFor(app, "com/acme/Bank"));
        assertSame(application, f.rewriteFor(app, "com/acme/deep/er/Account$Inner"));
        assertSame(application, f.rewriteFor(app, "org/x/Exact"));
        assertNull(f.rewriteFor(app, "org/x/ExactNot"));
        assertNull(f.rewriteFor(app, "com/acme/gen/Stub"));
        assertNull(f.rewriteFor(app, "com/acme/Bank$Proxy12"));
        assertNull(f.rewriteFor(app, "net/other/Thing"));
        assertSame(vector, f.rewriteFor(null, "java/util/Vector"), "the JDK's own are not the application's");
    }
}
