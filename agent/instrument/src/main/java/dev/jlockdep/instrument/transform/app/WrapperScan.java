package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.instrument.transform.LockTypes;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Finds lock wrappers before a class is rewritten: a class with a lock in a field of its own and methods
 * that take that lock (a trylock included) and return holding it, or release it without having taken it
 * (Jetty's {@code AutoLock.lock()} and {@code close()}). Those methods are lock primitives: their locks are
 * recorded at their callers, as if annotated {@code @LockPrimitive}; and the wrapped lock is named after
 * the field the wrapper is kept in, not the wrapper's own field, which every wrapper shares.
 */
final class WrapperScan {
    static final WrapperScan NONE = new WrapperScan(Set.of(), Set.of());

    /** Methods (name and descriptor) that take or release a wrapped lock for their caller. */
    private final Set<String> primitives;
    /** Fields of the class whose lock it wraps. */
    private final Set<String> wrappedFields;

    private WrapperScan(Set<String> primitives, Set<String> wrappedFields) {
        this.primitives = primitives;
        this.wrappedFields = wrappedFields;
    }

    /** Whether the method takes or releases a wrapped lock for its caller; the two joined only for a class that has such (most have none). */
    boolean isPrimitive(String name, String descriptor) {
        return !primitives.isEmpty() && primitives.contains(name + descriptor);
    }

    boolean wraps(String field) {
        return wrappedFields.contains(field);
    }

    /** The fields each method of {@code these} touches and {@code those} does not balance, into both sets. */
    private static void unbalance(Map<String, Set<String>> these, Map<String, Set<String>> those,
                                  Map<String, Set<String>> unbalanced, Set<String> fields) {
        these.forEach((method, touched) -> {
            Set<String> only = new HashSet<>(touched);
            only.removeAll(those.getOrDefault(method, Set.of()));
            if (!only.isEmpty()) {
                unbalanced.computeIfAbsent(method, k -> new HashSet<>()).addAll(only);
                fields.addAll(only);
            }
        });
    }

    /** The scan of a class; {@link #NONE} for one without a lock field (found without reading its code). */
    static WrapperScan of(ClassReader reader, LockTypes lockTypes, ClassLoader loader) {
        Set<String> lockFields = new HashSet<>();
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(RewriteContext.ASM_API) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) == 0 && descriptor.startsWith("L")
                        && lockTypes.isLock(Type.getType(descriptor).getInternalName(), loader)) {
                    lockFields.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (lockFields.isEmpty()) {
            return NONE;
        }
        Map<String, Set<String>> takes = new HashMap<>();
        Map<String, Set<String>> releases = new HashMap<>();
        Map<String, Set<String>> ownCalls = new HashMap<>(); // methods of this class each calls on this, no arguments
        reader.accept(new ClassVisitor(RewriteContext.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String method = name + descriptor;
                return new MethodVisitor(RewriteContext.ASM_API) {
                    private boolean thisLoaded;
                    private String field;

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        thisLoaded = opcode == Opcodes.ALOAD && var == 0 && (access & Opcodes.ACC_STATIC) == 0;
                        field = null;
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String desc) {
                        field = thisLoaded && opcode == Opcodes.GETFIELD && fieldOwner.equals(owner)
                                && lockFields.contains(fieldName) ? fieldName : null;
                        thisLoaded = false;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                        if (thisLoaded && opcode != Opcodes.INVOKESTATIC && o.equals(owner)) {
                            ownCalls.computeIfAbsent(method, k -> new HashSet<>()).add(n + d);
                        }
                        if (field != null) {
                            // A trylock takes too: a method that unlocks in its finally what its trylock
                            // took is balanced (Caffeine's scheduleDrainBuffers), not a release for its caller.
                            if (n.equals("lock") || n.equals("lockInterruptibly") || n.equals("tryLock")) {
                                takes.computeIfAbsent(method, k -> new HashSet<>()).add(field);
                            } else if (n.equals("unlock")) {
                                releases.computeIfAbsent(method, k -> new HashSet<>()).add(field);
                            }
                        }
                        thisLoaded = false;
                        field = null;
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        thisLoaded = false;
                        field = null;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        // A call of the class's own method that takes for its caller takes in the calling method too, and
        // one that releases releases (Caffeine's afterWrite calls lock() and unlocks in its finally).
        Map<String, Set<String>> takesOnly = new HashMap<>();
        Map<String, Set<String>> releasesOnly = new HashMap<>();
        unbalance(takes, releases, takesOnly, new HashSet<>());
        unbalance(releases, takes, releasesOnly, new HashSet<>());
        ownCalls.forEach((method, called) -> {
            for (String c : called) {
                takesOnly.getOrDefault(c, Set.of()).forEach(f -> takes.computeIfAbsent(method, k -> new HashSet<>()).add(f));
                releasesOnly.getOrDefault(c, Set.of()).forEach(f -> releases.computeIfAbsent(method, k -> new HashSet<>()).add(f));
            }
        });
        // Per method, the fields it takes and leaves held, or releases without taking.
        Map<String, Set<String>> unbalanced = new HashMap<>();
        Set<String> taking = new HashSet<>();
        Set<String> releasing = new HashSet<>();
        unbalance(takes, releases, unbalanced, taking);
        unbalance(releases, takes, unbalanced, releasing);
        taking.retainAll(releasing); // a wrapper both takes its lock for a caller and releases it for one
        if (taking.isEmpty()) {
            return NONE;
        }
        Set<String> primitives = new HashSet<>();
        for (Map.Entry<String, Set<String>> m : unbalanced.entrySet()) {
            if (!m.getKey().startsWith("<init>") && !Collections.disjoint(m.getValue(), taking)) {
                primitives.add(m.getKey());
            }
        }
        return new WrapperScan(Set.copyOf(primitives), Set.copyOf(taking));
    }
}
