package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.Validator;
import dev.jlockdep.instrument.boot.InstanceFields;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * The class file transformer: gives every class the rewrite the {@link ClassFilter} chooses. A class
 * that cannot be instrumented is left as it was, with one line saying why; a class is never broken.
 * Runs as agent code, so locks the transformation itself takes are not recorded.
 */
public final class LockTransformer implements ClassFileTransformer {
    private final ClassFilter filter;
    private final RewriteContext context;
    private final Validator validator;
    private final Consumer<String> log;

    public LockTransformer(ClassFilter filter, RewriteContext context, Validator validator, Consumer<String> log) {
        this.filter = filter;
        this.context = context;
        this.validator = validator;
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        ClassRewrite rewrite = filter.rewriteFor(loader, className);
        if (rewrite == null) {
            return null;
        }
        validator.enterAgent();
        try {
            // A class rewritten as it loaded is rewritten again as then: the JVM refuses a new version
            // that drops a field or changes a method's modifiers. One loaded before the agent keeps its shape.
            boolean loaded = classBeingRedefined != null && !InstanceFields.hasField(classBeingRedefined);
            byte[] rewritten = rewrite.rewrite(classfileBuffer, loader, loaded, context);
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

    /**
     * Rewrites the never-run {@link TransformerWarmup} as an application class, before the transformer is
     * registered, so that every class it needs is loaded by then: a class first loaded inside the
     * transformer would be handed to the transformer while it loads (a class-loading circularity), or,
     * as the JDK does not re-enter a transformer on its thread, never be handed to it (a JDK class the
     * agent instruments would stay as it was).
     */
    public void warmUp(ClassRewrite application) throws IOException {
        filter.rewriteFor(null, "java/util/Vector");
        try (InputStream in = TransformerWarmup.class.getResourceAsStream("TransformerWarmup.class")) {
            application.rewrite(in.readAllBytes(), TransformerWarmup.class.getClassLoader(), false, context);
        }
    }
}
