package dev.jlockdep.instrument.transform.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.Site;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.instrument.boot.BootstrapBridge;
import dev.jlockdep.instrument.boot.InstanceFields;
import dev.jlockdep.instrument.transform.LockTypes;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ByteVector;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's rewrite on a real class, in memory: the result is defined in a class loader of
 * its own (so the JVM verifies it) and run, with its hooks pointed at {@link RecordingHooks}.
 */
class LockMethodVisitorTest {
    private static final String SAMPLE = Sample.class.getName();
    private final SiteRegistry sites = new SiteRegistry();

    @BeforeEach
    void forget() {
        RecordingHooks.CALLS.clear();
        RecordingHooks.SITES.clear();
        RecordingHooks.CONSTRUCTIONS.clear();
        RecordingHooks.MAKERS.clear();
    }

    /** Defines one rewritten class itself; everything else comes from the test's loader. */
    private static final class Rewritten extends ClassLoader {
        private final String className;
        private final byte[] bytes;

        Rewritten(String className, byte[] bytes) {
            super(LockMethodVisitorTest.class.getClassLoader());
            this.className = className;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(className)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }

    private Object rewrittenSample() throws IOException, ReflectiveOperationException {
        return rewrittenSample(false);
    }

    /** {@code loaded}: rewritten as a class loaded already would be, whose modifiers cannot change. */
    private Object rewrittenSample(boolean loaded) throws IOException, ReflectiveOperationException {
        return rewritten(Sample.class, loaded).getConstructor().newInstance();
    }

    private Class<?> rewritten(Class<?> type) throws IOException, ReflectiveOperationException {
        return rewritten(type, false);
    }

    private Class<?> rewritten(Class<?> type, boolean loaded) throws IOException, ReflectiveOperationException {
        return rewritten(type, loaded, false);
    }

    /** {@code classInits}: with the hooks that follow class initialization. */
    private Class<?> rewritten(Class<?> type, boolean loaded, boolean classInits) throws IOException,
            ReflectiveOperationException {
        byte[] original;
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
                + ".class")) {
            original = in.readAllBytes();
        }
        RewriteContext context = new RewriteContext(sites, new LockTypes(),
                RecordingHooks.class.getName().replace('.', '/'), classInits);
        byte[] rewritten = LockRewrite.application().rewrite(original, type.getClassLoader(), loaded, context);
        return new Rewritten(type.getName(), rewritten).loadClass(type.getName());
    }

    /**
     * A class file the agent wrote already (a redefinition with bytes read back from the JVM), or one
     * that declares the agent's field itself, is left as it is: rewritten again, it would declare the
     * field twice and the JVM would refuse it. The bytes written once still load and call their hooks once.
     */
    @Test
    void aClassRewrittenAlreadyIsLeftAsItIs() throws Exception {
        RewriteContext context = new RewriteContext(sites, new LockTypes(),
                RecordingHooks.class.getName().replace('.', '/'), false);
        byte[] original;
        try (InputStream in = Sample.class.getResourceAsStream("Sample.class")) {
            original = in.readAllBytes();
        }
        byte[] once = LockRewrite.application().rewrite(original, getClass().getClassLoader(), false, context);
        assertNotNull(once);
        assertTrue(new String(once, StandardCharsets.ISO_8859_1).contains(InstanceFields.NAME), "the agent's field added");
        assertNull(LockRewrite.application().rewrite(once, getClass().getClassLoader(), false, context),
                "rewritten once, left as it is");
        Runnable sample = (Runnable) new Rewritten(SAMPLE, once).loadClass(SAMPLE).getConstructor().newInstance();
        sample.run();
        assertEquals(List.of("created Object", "created ReentrantLock", "constructed Sample",
                "monitorEnterSection Sample", "monitorEnterSection Object", "lockSection ReentrantLock", "tryLock true ReentrantLock",
                "unlock ReentrantLock", "unlock ReentrantLock", "monitorExit Object", "monitorExit Sample"),
                RecordingHooks.CALLS);

        ClassWriter crafted = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        crafted.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "dev/jlockdep/instrument/transform/app/Crafted",
                null, "java/lang/Object", null);
        crafted.visitField(Opcodes.ACC_PRIVATE, InstanceFields.NAME, InstanceFields.DESCRIPTOR, null, null).visitEnd();
        BootstrapBridge.defaultConstructor(crafted, "java/lang/Object");
        crafted.visitEnd();
        assertNull(LockRewrite.application().rewrite(crafted.toByteArray(), getClass().getClassLoader(), false, context),
                "a class declaring the field itself is left as it is");

        ClassWriter spelling = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        spelling.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "dev/jlockdep/instrument/transform/app/Spelling",
                null, "java/lang/Object", null);
        MethodVisitor names = spelling.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "names", "()V", null, null);
        names.visitCode();
        for (String constant : new String[] {InstanceFields.NAME, context.hookOwner()}) {
            names.visitLdcInsn(constant);
            names.visitInsn(Opcodes.POP);
        }
        names.visitInsn(Opcodes.RETURN);
        names.visitMaxs(0, 0);
        names.visitEnd();
        spelling.visitEnd();
        byte[] spelt = LockRewrite.application().rewrite(spelling.toByteArray(), getClass().getClassLoader(), false, context);
        assertNotNull(spelt, "strings that spell the field's or the hooks' name are no sign of a rewrite");
        Field added = new Rewritten("dev.jlockdep.instrument.transform.app.Spelling", spelt)
                .loadClass("dev.jlockdep.instrument.transform.app.Spelling").getDeclaredField(InstanceFields.NAME);
        assertEquals(InstanceFields.DESCRIPTOR, Type.getDescriptor(added.getType()), "the agent's field, added");
    }

    /**
     * A static initializer says where it begins and where it ends, also by an exception (a handler added
     * after all its code). The class has no synchronized method, so its own
     * frames pass through as the class file has them and the handler's is written in the same form; the
     * JVM verifies both when it initializes the class.
     */
    @Test
    void aStaticInitializerGetsItsHooksAndItsOwnFrames() throws Exception {
        Class<?> ok = rewritten(InitSample.class, false, true);
        assertEquals(List.of(), RecordingHooks.CALLS, "nothing before initialization");
        Field sum = Class.forName(ok.getName(), true, ok.getClassLoader()).getDeclaredField("SUM");
        sum.setAccessible(true);
        assertEquals(InitSample.SUM, sum.getInt(null));
        // (no use hook for Other: a class in the agent's packages, as this test's are, is never the application's)
        List<String> initialized = List.of("initStarting InitSample null", "initEnded InitSample null");
        assertEquals(initialized, RecordingHooks.CALLS);

        RecordingHooks.CALLS.clear();
        Class<?> failing = rewritten(InitSample.class, false, true);
        System.setProperty(InitSample.FAIL, "true");
        try {
            ExceptionInInitializerError e = assertThrows(ExceptionInInitializerError.class,
                    () -> Class.forName(failing.getName(), true, failing.getClassLoader()));
            assertEquals("failed on purpose", e.getCause().getMessage());
        } finally {
            System.clearProperty(InitSample.FAIL);
        }
        assertEquals(initialized, RecordingHooks.CALLS, "the end told by the handler");
    }

    /**
     * A static initializer whose frames ASM reads from an old {@code StackMap} attribute (expanded, though
     * the class is not read with expanded frames) gets its handler's frame in that form too: a compressed
     * one after them is written at a wrong offset, and the JVM refuses the class.
     */
    @Test
    void aStaticInitializerWithOldStyleFramesGetsItsHandlersFrameInTheirForm() throws Exception {
        String name = "dev/jlockdep/instrument/transform/app/OldFrames";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "n", "I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        Label loop = new Label();
        Label done = new Label();
        init.visitLabel(loop); // offset 0
        init.visitFieldInsn(Opcodes.GETSTATIC, name, "n", "I");
        init.visitInsn(Opcodes.ICONST_3);
        init.visitJumpInsn(Opcodes.IF_ICMPGE, done);
        init.visitFieldInsn(Opcodes.GETSTATIC, name, "n", "I");
        init.visitInsn(Opcodes.ICONST_1);
        init.visitInsn(Opcodes.IADD);
        init.visitFieldInsn(Opcodes.PUTSTATIC, name, "n", "I");
        init.visitJumpInsn(Opcodes.GOTO, loop);
        init.visitLabel(done); // offset 18
        init.visitInsn(Opcodes.RETURN);
        // The same two frames in the StackMap form (the JVM reads the StackMapTable, ASM this one):
        // entries, then each entry's offset, locals and stack.
        init.visitAttribute(new RawCodeAttribute("StackMap", new byte[] {0, 2, 0, 0, 0, 0, 0, 0, 0, 18, 0, 0, 0, 0}));
        init.visitMaxs(0, 0);
        init.visitEnd();
        BootstrapBridge.defaultConstructor(cw, "java/lang/Object");
        cw.visitEnd();
        RewriteContext context = new RewriteContext(sites, new LockTypes(),
                RecordingHooks.class.getName().replace('.', '/'), true);
        byte[] rewritten = LockRewrite.application().rewrite(cw.toByteArray(), getClass().getClassLoader(), false, context);
        String binaryName = name.replace('/', '.');
        Class<?> c = new Rewritten(binaryName, rewritten).loadClass(binaryName);
        assertEquals(3, Class.forName(binaryName, true, c.getClassLoader()).getField("n").getInt(null));
        assertEquals(List.of("initStarting OldFrames null", "initEnded OldFrames null"), RecordingHooks.CALLS);
    }

    /** A code attribute written as the bytes given. */
    private static final class RawCodeAttribute extends Attribute {
        private final byte[] content;

        RawCodeAttribute(String type, byte[] content) {
            super(type);
            this.content = content;
        }

        @Override
        public boolean isCodeAttribute() {
            return true;
        }

        @Override
        protected ByteVector write(ClassWriter writer, byte[] code, int codeLength, int maxStack, int maxLocals) {
            return new ByteVector().putByteArray(content, 0, content.length);
        }
    }

    /** A class file of {@code version} with a constructor and {@code superName}, made here. */
    private static byte[] plainClass(String name, String superName, int version) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, superName, null);
        BootstrapBridge.defaultConstructor(cw, superName);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * The field for the validator's entry: declared by a class whose superclass is the JDK's, from Java 5
     * class files on (before, the JVM takes only field names Java source could write, and this one is
     * not: such a class would not load), and not by a subclass of an application class, which uses its
     * superclass's.
     */
    @Test
    void theInstanceFieldIsAddedWhereTheJvmTakesItAndOncePerHierarchy() throws Exception {
        RewriteContext context = new RewriteContext(sites, new LockTypes(),
                RecordingHooks.class.getName().replace('.', '/'), false);
        for (int version : new int[] {Opcodes.V1_4, Opcodes.V1_5, Opcodes.V17}) {
            String name = "dev/jlockdep/instrument/transform/app/Plain" + version;
            byte[] original = plainClass(name, "java/lang/Object", version);
            byte[] rewritten = LockRewrite.application().rewrite(original, getClass().getClassLoader(), false, context);
            String binaryName = name.replace('/', '.');
            Class<?> c = new Rewritten(binaryName, rewritten != null ? rewritten : original).loadClass(binaryName);
            c.getConstructor().newInstance();
            List<java.lang.reflect.Field> fields = Arrays.stream(c.getDeclaredFields())
                    .filter(f -> f.getName().equals(InstanceFields.NAME)).toList();
            assertEquals(version >= Opcodes.V1_5 ? 1 : 0, fields.size(), "class file version " + version);
            for (java.lang.reflect.Field f : fields) {
                int m = f.getModifiers();
                assertTrue(Modifier.isPrivate(m) && Modifier.isFinal(m) && Modifier.isTransient(m) && f.isSynthetic()
                        && !Modifier.isStatic(m), Modifier.toString(m));
            }
        }
        byte[] sub = LockRewrite.application().rewrite(plainClass("dev/jlockdep/instrument/transform/app/Sub",
                "dev/jlockdep/instrument/transform/app/Plain61", Opcodes.V17), getClass().getClassLoader(), false, context);
        assertFalse(sub != null && new String(sub, java.nio.charset.StandardCharsets.ISO_8859_1).contains(InstanceFields.NAME),
                "a subclass of an application class uses its superclass's field");
        byte[] subOfUnnamed = LockRewrite.application().rewrite(plainClass("SubOfUnnamed", "Base", Opcodes.V17),
                getClass().getClassLoader(), false, context);
        assertFalse(subOfUnnamed != null
                && new String(subOfUnnamed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(InstanceFields.NAME),
                "so does a subclass of one in the unnamed package");
    }

    @Test
    void monitorsLocksAndNewLocksCallTheirHooksBeforeTheOperation() throws Exception {
        Runnable sample = (Runnable) rewrittenSample();
        assertEquals(List.of("created Object", "created ReentrantLock", "constructed Sample"), RecordingHooks.CALLS,
                "a class with synchronized methods tells the objects it makes");
        sample.run();
        assertEquals(List.of("created Object", "created ReentrantLock", "constructed Sample",
                "monitorEnterSection Sample", "monitorEnterSection Object", "lockSection ReentrantLock", "tryLock true ReentrantLock",
                "unlock ReentrantLock", "unlock ReentrantLock", "monitorExit Object", "monitorExit Sample"),
                RecordingHooks.CALLS);
        Site created = sites.get(RecordingHooks.SITES.get(0));
        assertEquals("field:" + SAMPLE + ".monitor", created.fieldKey());
        assertEquals("Sample.monitor", created.fieldName());
        Site taken = sites.get(RecordingHooks.SITES.get(4));
        assertEquals("field:" + SAMPLE + ".monitor", taken.fieldKey(), "named after the field it was read from");
        assertEquals("Sample.java", taken.frame().fileName());
        Site method = sites.get(RecordingHooks.SITES.get(3));
        assertNull(method.fieldKey());
        assertEquals("run", method.frame().methodName());
    }

    @Test
    void aSynchronizedMethodLeftByAnExceptionReleasesItsMonitorToo() throws Exception {
        Object sample = rewrittenSample();
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> sample.getClass().getMethod("fail").invoke(sample));
        assertEquals("count 0", thrown.getCause().getMessage());
        assertEquals(List.of("monitorEnterSection Sample", "monitorExit Sample"), RecordingHooks.CALLS.subList(3, 5));
    }

    /**
     * Calls of a lock wrapper's primitives (read from the wrapper's class file, not loaded for it) say
     * where they are made, so that the lock operation inside is recorded there without a stack walk.
     */
    @Test
    void callsOfALockWrappersPrimitivesSayWhereTheyAreMade() throws Exception {
        Object sample = rewrittenSample();
        sample.getClass().getMethod("guarded").invoke(sample);
        assertEquals(List.of("callingPrimitive null", "callingPrimitive null"), RecordingHooks.CALLS.subList(3, 5));
        Site lock = sites.get(RecordingHooks.SITES.get(3));
        Site close = sites.get(RecordingHooks.SITES.get(4));
        assertEquals("guarded", lock.frame().methodName());
        assertEquals("guarded", close.frame().methodName());
        assertEquals(List.of(), RecordingHooks.CALLS.subList(5, RecordingHooks.CALLS.size()),
                "the wrapper's own class is not rewritten here");
    }

    /**
     * The making of a lock wrapper is announced around its constructor (its construction, then 0), and
     * the construction names the field the wrapper goes into, for the wrapper's class only.
     */
    @Test
    void theMakingOfALockWrapperIsAnnouncedWithTheFieldItGoesInto() throws Exception {
        rewrittenSample();
        assertEquals(2, RecordingHooks.CONSTRUCTIONS.size(), RecordingHooks.CONSTRUCTIONS.toString());
        int id = RecordingHooks.CONSTRUCTIONS.get(0);
        assertEquals(List.of(id, 0), RecordingHooks.CONSTRUCTIONS);
        String guard = Sample.Guard.class.getName();
        assertEquals(List.of("field:" + Sample.class.getName() + ".guard", "Sample.guard"),
                List.of(sites.constructionNamed(id, guard)));
        assertEquals(null, sites.constructionNamed(id, Sample.class.getName()), "another class's lock: not this construction's");
    }

    /**
     * A construction names its maker, the object whose code makes it ('this' there), for a wrapper kept in
     * no field; none in a constructor (where 'this' may not be ready) or a static method.
     */
    @Test
    void theMakingOfALockWrapperNamesTheObjectWhoseCodeMakesIt() throws Exception {
        Object sample = rewrittenSample();
        sample.getClass().getMethod("makeGuard").invoke(sample);
        sample.getClass().getMethod("makeGuardStatically").invoke(null);
        assertEquals(Arrays.asList(null, null, sample, null, null, null), RecordingHooks.MAKERS,
                RecordingHooks.CONSTRUCTIONS.toString());
        String guard = Sample.Guard.class.getName();
        assertEquals(0, sites.constructionNamed(RecordingHooks.CONSTRUCTIONS.get(2), guard).length, "kept in no field");
    }

    /**
     * A frame may drop 'this' where the code no longer reads it (as generated code may): the maker is then
     * not loaded from slot 0, which the verifier would refuse, but passed as null.
     */
    @Test
    void aFrameThatDropsThisLeavesTheMakerUnnamed() throws Exception {
        String name = "dev/jlockdep/instrument/transform/app/DeadThis";
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        BootstrapBridge.defaultConstructor(cw, "java/lang/Object");
        // void make(boolean b) { if (b) {} new Sample.Guard(); }, with 'this' dead (no locals) after the branch
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "make", "(Z)V", null, null);
        m.visitCode();
        Label joined = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitJumpInsn(Opcodes.IFEQ, joined);
        m.visitLabel(joined);
        m.visitFrame(Opcodes.F_FULL, 0, new Object[0], 0, new Object[0]);
        String guard = Type.getInternalName(Sample.Guard.class);
        m.visitTypeInsn(Opcodes.NEW, guard);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, guard, "<init>", "()V", false);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(2, 2);
        m.visitEnd();
        cw.visitEnd();
        RewriteContext context = new RewriteContext(sites, new LockTypes(),
                RecordingHooks.class.getName().replace('.', '/'), false);
        byte[] rewritten = LockRewrite.application().rewrite(cw.toByteArray(), getClass().getClassLoader(), false, context);
        String binary = name.replace('/', '.');
        Object dead = new Rewritten(binary, rewritten).loadClass(binary).getConstructor().newInstance();
        dead.getClass().getMethod("make", boolean.class).invoke(dead, true);
        assertEquals(Arrays.asList(null, null), RecordingHooks.MAKERS, "announced, with no maker");
    }

    /** A wrapper's primitives inherited by the class they are called through, named like a lock's. */
    @Test
    void callsOfInheritedPrimitivesNamedLikeALocksSayWhereTheyAreMadeToo() throws Exception {
        Object sample = rewrittenSample();
        sample.getClass().getMethod("latched").invoke(sample);
        assertEquals(List.of("callingPrimitive null", "lockIfLock SubLatch", "callingPrimitive null", "unlock SubLatch"),
                RecordingHooks.CALLS.subList(3, RecordingHooks.CALLS.size()));
        assertEquals("latched", sites.get(RecordingHooks.SITES.get(3)).frame().methodName());
    }

    /** A wrapper's subclass calling its inherited primitives on itself says where it calls them too. */
    @Test
    void callsOfInheritedPrimitivesOnItselfSayWhereTheyAreMade() throws Exception {
        Class<?> selfLatch = rewritten(SelfLatch.class);
        Object latch = selfLatch.getConstructor().newInstance();
        assertEquals(1, selfLatch.getMethod("counted").invoke(latch));
        assertEquals(List.of("callingPrimitive null", "lockIfLock SelfLatch", "callingPrimitive null", "unlock SelfLatch"),
                RecordingHooks.CALLS);
        assertEquals("counted", sites.get(RecordingHooks.SITES.get(0)).frame().methodName());
    }

    /** A wait is replaced by its hook, which waits; in a class that waits, monitors are entered as sections. */
    @Test
    void aWaitIsReplacedByItsHookWhichWaits() throws Exception {
        Object sample = rewrittenSample();
        sample.getClass().getMethod("pause").invoke(sample);
        assertEquals(List.of("monitorEnterSection Object", "wait Object", "monitorExit Object"),
                RecordingHooks.CALLS.subList(3, 6));
    }

    /**
     * A synchronized method of a class being loaded becomes a block around its body: its monitor is
     * validated before it is taken (not held when the hook runs), held while the body runs, released on
     * every path; a static one keeps its class in a new local, through the method's loops and wide locals.
     */
    @Test
    void aSynchronizedMethodIsValidatedBeforeItsMonitorIsTaken() throws Exception {
        Object sample = rewrittenSample();
        Class<?> type = sample.getClass();
        assertFalse(Modifier.isSynchronized(type.getMethod("run").getModifiers()), "reshaped into a block");
        assertEquals(6L, type.getMethod("sum", int.class).invoke(null, 4), "the class is held while it runs");
        assertEquals(List.of("monitorEnterSection Class", "monitorExit Class"), RecordingHooks.CALLS.subList(3, 5));
        assertThrows(InvocationTargetException.class, () -> type.getMethod("fail").invoke(sample));
        assertFalse(Thread.holdsLock(sample), "released by the exception's path");
        ((Runnable) sample).run();
        assertEquals("monitorEnterSection Sample", RecordingHooks.CALLS.get(7), "not held before the hook");
    }

    /**
     * A synchronized method that takes its own monitor again in a block keeps its modifier (reshaped, the
     * JIT would refuse to compile it) and is recorded once its monitor is taken, as in a class loaded
     * already; a method that takes a field of 'this' ({@code run}) is reshaped all the same.
     */
    @Test
    void aSynchronizedMethodTakingThisAgainKeepsItsModifier() throws Exception {
        Object sample = rewrittenSample();
        assertTrue(Modifier.isSynchronized(sample.getClass().getMethod("again").getModifiers()));
        assertFalse(Modifier.isSynchronized(sample.getClass().getMethod("run").getModifiers()));
        sample.getClass().getMethod("again").invoke(sample);
        // the method's monitor once the JVM took it, its block's before (held already), then both released
        assertEquals(List.of("monitorEnterSection held Sample", "monitorEnterSection held Sample", "monitorExit Sample",
                "monitorExit Sample"), RecordingHooks.CALLS.subList(3, RecordingHooks.CALLS.size()));
    }

    /** A class loaded already keeps its modifiers: the JVM takes the monitor, and the hook records it after. */
    @Test
    void aSynchronizedMethodOfALoadedClassIsRecordedOnceTaken() throws Exception {
        Object sample = rewrittenSample(true);
        assertTrue(Modifier.isSynchronized(sample.getClass().getMethod("run").getModifiers()));
        ((Runnable) sample).run();
        assertEquals("monitorEnterSection held Sample", RecordingHooks.CALLS.get(3));
    }
}
