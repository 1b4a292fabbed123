package dev.jlockdep.instrument;

import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * The class file transformer: runs {@link LockClassVisitor} over every class the {@link ClassFilter}
 * admits. A class that cannot be instrumented is left as it was, with one line saying why; a class is
 * never broken. Runs as agent code, so locks the transformation itself takes are not recorded.
 */
final class LockTransformer implements ClassFileTransformer {
    private final ClassFilter filter;
    private final SiteRegistry sites;
    private final Validator validator;
    private final Consumer<String> log;
    private final LockTypes lockTypes = new LockTypes();

    LockTransformer(ClassFilter filter, SiteRegistry sites, Validator validator, Consumer<String> log) {
        this.filter = filter;
        this.sites = sites;
        this.validator = validator;
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        ClassFilter.Scope scope = filter.scope(loader, className);
        if (scope == ClassFilter.Scope.NONE) {
            return null;
        }
        validator.enterAgent();
        try {
            byte[] rewritten = instrument(classfileBuffer, scope, loader);
            if (rewritten != null) {
                validator.classInstrumented();
            }
            return rewritten;
        } catch (Throwable t) {
            log.accept("jlockdep: not instrumenting " + className.replace('/', '.') + ": " + t);
            return null;
        } finally {
            validator.leaveAgent();
        }
    }

    byte[] instrument(byte[] bytes, ClassFilter.Scope scope, ClassLoader loader) {
        ClassReader reader = new ClassReader(bytes);
        if (scope == ClassFilter.Scope.API) {
            ClassWriter writer = new ClassWriter(reader, 0);
            ApiBridgeVisitor bridge = new ApiBridgeVisitor(writer);
            reader.accept(bridge, 0);
            return bridge.changed() ? writer.toByteArray() : null;
        }
        if (scope == ClassFilter.Scope.JDK_EXECUTOR) {
            ClassWriter writer = new ClassWriter(reader, 0);
            ExecutorVisitor executors = new ExecutorVisitor(writer, sites);
            reader.accept(executors, 0);
            return executors.changed() ? writer.toByteArray() : null;
        }
        LockClassVisitor visitor = rewrite(reader, scope, loader, Set.of());
        if (!visitor.unsafeSynchronizedMethods().isEmpty()) {
            // A synchronized method that overwrites 'this' cannot get the exit handler that reloads it:
            // instrument the class again without touching those methods.
            visitor = rewrite(reader, scope, loader, visitor.unsafeSynchronizedMethods());
        }
        return visitor.changed() ? visitor.bytes() : null;
    }

    private LockClassVisitor rewrite(ClassReader reader, ClassFilter.Scope scope, ClassLoader loader,
                                     Set<String> leaveSynchronizedAlone) {
        ClassWriter writer = new ClassWriter(reader, 0);
        LockClassVisitor visitor = new LockClassVisitor(writer, scope, sites, lockTypes, loader, leaveSynchronizedAlone);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor;
    }
}
