package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.instrument.boot.InstanceFields;
import dev.jlockdep.instrument.transform.ClassRewrite;
import dev.jlockdep.instrument.transform.RewriteContext;
import dev.jlockdep.instrument.transform.app.LockClassVisitor.NotReshaped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Monitors and synchronized methods, with (for the application's classes) lock call sites and new
 * locks: see {@link LockMethodVisitor}. The JDK's synchronized classes get the monitors only: inside
 * the JDK a field says nothing useful, and its lock call sites are its own business.
 */
public final class LockRewrite implements ClassRewrite {
    private static final Set<String> MONITOR_EVENT_CALLS = Set.of("wait()V", "wait(J)V", "wait(JI)V", "notify()V",
            "notifyAll()V");

    private final boolean callSites;
    private final Predicate<String> classes;
    private final boolean retransformAtStart;
    private final WrapperScans wrapperScans = new WrapperScans();

    private LockRewrite(boolean callSites, Predicate<String> classes, boolean retransformAtStart) {
        this.callSites = callSites;
        this.classes = classes;
        this.retransformAtStart = retransformAtStart;
    }

    /** For every class the filter admits as the application's. */
    public static LockRewrite application() {
        return new LockRewrite(true, name -> true, false);
    }

    /** For these JDK classes, loaded before the agent: their monitors only. */
    public static LockRewrite monitorsOf(Set<String> jdkClasses) {
        return new LockRewrite(false, jdkClasses::contains, true);
    }

    @Override
    public boolean matches(String internalName) {
        return classes.test(internalName);
    }

    @Override
    public boolean retransformAtStart() {
        return retransformAtStart;
    }

    @Override
    public byte[] rewrite(byte[] classFile, ClassLoader loader, boolean loaded, RewriteContext context) {
        ClassReader reader = new ClassReader(classFile);
        Constants constants = Constants.of(reader, context.hookOwner());
        if (constants.rewrittenAlready) {
            // Bytes this agent wrote (a redefinition with a class file read back from the JVM), or a class
            // file that declares the agent's field itself: rewritten again, each hook would be called twice.
            return null;
        }
        if (callSites && loader != null) {
            context.lockTypes().learn(reader.getClassName(), classFile, loader);
        }
        WrapperScan wrappers = callSites ? WrapperScan.of(reader, context.lockTypes(), loader) : WrapperScan.NONE;
        wrapperScans.put(loader, reader.getClassName(), wrappers);
        // A class loaded already keeps its methods' modifiers: its synchronized methods cannot be reshaped.
        boolean reshape = callSites && !loaded;
        MethodScan scan = callSites ? MethodScan.of(reader, constants) : MethodScan.NONE;
        LockClassVisitor visitor = rewrite(reader, loader, context, wrappers, scan, reshape, NotReshaped.NONE);
        if (visitor.notReshaped() != NotReshaped.NONE) {
            // A synchronized method that overwrites 'this' cannot get the exit handler that reloads it, and
            // one that takes 'this' again in a block would not compile once reshaped: instrument the class
            // again without reshaping those methods.
            visitor = rewrite(reader, loader, context, wrappers, scan, reshape, visitor.notReshaped());
        }
        return visitor.changed() ? visitor.bytes() : null;
    }

    private LockClassVisitor rewrite(ClassReader reader, ClassLoader loader, RewriteContext context, WrapperScan wrappers,
                                     MethodScan scan, boolean reshape, NotReshaped notReshaped) {
        ClassWriter writer = new ClassWriter(reader, 0);
        LockClassVisitor visitor = new LockClassVisitor(writer, callSites, context, loader, wrappers,
                wrapperScans, scan.waitsOrNotifies, scan.synchronizedMethods, notReshaped, reshape,
                scan.staticSynchronizedLocals);
        // Frames are expanded only where the rewrite adds a handler whose frame names the method's locals;
        // elsewhere the class's own frames pass through as they are, much cheaper to read and write.
        reader.accept(visitor, scan.expandsFrames ? ClassReader.EXPAND_FRAMES : 0);
        return visitor;
    }

    /**
     * What the rewrite must know of a class's methods before it starts: whether any calls {@code wait}
     * or {@code notify} (its monitors may be events), whether it declares a synchronized instance method
     * (its objects are monitors, whose making is told), and the locals of each static synchronized method
     * (a reshaped one keeps its class in a new local after them); and whether the rewrite may add an
     * exception handler whose frame names the method's locals: around a synchronized method or a memalloc
     * scope (a static initializer's handler names none, so its frame is written as the class's own are).
     * Found without reading code, but for static synchronized methods:
     * the calls and annotations from the constant pool, which names every method the code calls.
     */
    private record MethodScan(boolean waitsOrNotifies, boolean synchronizedMethods,
                              Map<String, Integer> staticSynchronizedLocals, boolean expandsFrames) {
        /** For a class whose call sites are not rewritten (the JDK's): its monitors only, every frame expanded. */
        static final MethodScan NONE = new MethodScan(false, false, Map.of(), true);

        static MethodScan of(ClassReader reader, Constants constants) {
            boolean[] synchronizedMethods = {false};
            boolean[] expandsFrames = {false};
            Map<String, Integer> locals = new HashMap<>();
            reader.accept(new ClassVisitor(RewriteContext.ASM_API) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    synchronizedMethods[0] |= (access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED))
                            == Opcodes.ACC_SYNCHRONIZED;
                    expandsFrames[0] |= (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                    if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED))
                            != (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED)) {
                        return null; // its code is not read
                    }
                    return new MethodVisitor(RewriteContext.ASM_API) {
                        @Override
                        public void visitMaxs(int maxStack, int maxLocals) {
                            locals.put(name + descriptor, maxLocals);
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new MethodScan(constants.waitsOrNotifies, synchronizedMethods[0], locals,
                    expandsFrames[0] || constants.namesMemallocScope);
        }
    }

    /**
     * What a class's constant pool says: whether its code calls {@code wait}, {@code notify} or a
     * condition's await or signal; whether it names the memalloc-scope annotation; whether it refers to
     * the hooks' class or declares the field of {@link InstanceFields}, as only a class this agent
     * rewrote does (a string constant that spells either is not that).
     */
    private record Constants(boolean waitsOrNotifies, boolean namesMemallocScope, boolean rewrittenAlready) {
        private static final int CONSTANT_UTF8 = 1;
        private static final int CONSTANT_CLASS = 7;
        private static final int CONSTANT_METHODREF = 10;
        private static final int CONSTANT_INTERFACE_METHODREF = 11;

        static Constants of(ClassReader reader, String hookOwner) {
            boolean waits = false;
            boolean memalloc = false;
            boolean rewritten = false;
            char[] buffer = new char[reader.getMaxStringLength()];
            for (int i = 1; i < reader.getItemCount() && !rewritten; i++) {
                int offset = reader.getItem(i); // 0 for the second slot of a long or double
                if (offset == 0) {
                    continue;
                }
                int tag = reader.readByte(offset - 1);
                if (tag == CONSTANT_UTF8) {
                    memalloc |= isAscii(reader, offset, LockMethodVisitor.MEMALLOC_SCOPE);
                    continue;
                }
                if (tag == CONSTANT_CLASS) { // a class named as such, not a string that happens to spell it
                    rewritten = isAscii(reader, reader.getItem(reader.readUnsignedShort(offset)), hookOwner);
                    continue;
                }
                if (waits) {
                    continue;
                }
                if (tag != CONSTANT_METHODREF && tag != CONSTANT_INTERFACE_METHODREF) {
                    continue;
                }
                int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
                String name = reader.readUTF8(nameAndType, buffer);
                if (!name.startsWith("wait") && !name.startsWith("notify") && !name.startsWith("await")
                        && !name.startsWith("signal")) {
                    continue;
                }
                String method = name + reader.readUTF8(nameAndType + 2, buffer);
                // Object's own methods by any reference, an interface's too: every call the rewrite treats as a wait
                waits |= MONITOR_EVENT_CALLS.contains(method) || CallSiteRewrites.isConditionCall(reader.readClass(offset, buffer), method);
            }
            return new Constants(waits, memalloc, rewritten || declaresField(reader, InstanceFields.NAME));
        }

        /** Whether the class declares a field of this name, read from its field table. */
        private static boolean declaresField(ClassReader reader, String name) {
            int offset = reader.header + 6; // past the access flags, this class and the superclass
            offset += 2 + 2 * reader.readUnsignedShort(offset); // the interfaces
            int fields = reader.readUnsignedShort(offset);
            offset += 2;
            for (int f = 0; f < fields; f++) {
                if (isAscii(reader, reader.getItem(reader.readUnsignedShort(offset + 2)), name)) {
                    return true;
                }
                int attributes = reader.readUnsignedShort(offset + 6);
                offset += 8;
                for (int a = 0; a < attributes; a++) {
                    offset += 6 + reader.readInt(offset + 2);
                }
            }
            return false;
        }

        /** Whether the UTF-8 constant whose length is at {@code offset} is the ASCII string {@code s}. */
        private static boolean isAscii(ClassReader reader, int offset, String s) {
            if (reader.readUnsignedShort(offset) != s.length()) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                if (reader.readByte(offset + 2 + k) != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
