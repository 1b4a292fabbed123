package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** A class file's header read from a stream as far as its fields, and from a reader of the whole file. */
class ClassFileHeaderTest {
    /** Constants of every size (a long and a double take two slots) and a long method. */
    static class Wide extends ReentrantLock implements Runnable, Comparable<Wide> {
        static final long BIG = 1L << 40;
        static final double HALF = 0.5;
        static final String TEXT = "zürich";
        private final Object plain = new Object();
        private int count;
        private String[] names;
        private ReentrantLock runner;

        @Override
        public void run() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                b.append(i).append(TEXT).append(BIG).append(HALF).append(plain).append(count).append(names.length).append(runner);
            }
            count = b.length();
        }

        @Override
        public int compareTo(Wide o) {
            return Integer.compare(count, o.count);
        }
    }

    interface Marker {
        int CONSTANT = 1;
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = ClassFileHeaderTest.class.getClassLoader()
                .getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Counts what is read of a class file. */
    private static final class Counting extends ByteArrayInputStream {
        Counting(byte[] b) {
            super(b);
        }

        int consumed() {
            return pos;
        }
    }

    @Test
    void theHeaderHasTheSupertypesAndTheInstanceFieldsThatAreClasses() throws IOException {
        ClassFileHeader h = ClassFileHeader.read(new ByteArrayInputStream(classFile(Wide.class)), true);
        assertEquals("java/util/concurrent/locks/ReentrantLock", h.superName());
        assertArrayEquals(new String[] {"java/lang/Runnable", "java/lang/Comparable"}, h.interfaces());
        assertEquals(List.of("java/lang/Object", "java/util/concurrent/locks/ReentrantLock"), h.fieldTypes(),
                "instance fields of class types only: no int, no array, no static");
        assertFalse(h.isInterface());
        assertTrue(ClassFileHeader.read(new ByteArrayInputStream(classFile(Marker.class)), true).isInterface());
        assertNull(ClassFileHeader.read(new ByteArrayInputStream(classFile(Object.class)), true).superName());
    }

    /** Names that are not ASCII are decoded as the class file's modified UTF-8 says. */
    @Test
    void namesThatAreNotAsciiAreDecoded() throws IOException {
        String name = "p/Gr\u00fc\u00dfe";
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "p/Basis\u00e4", new String[] {"p/\u00dcber\u0000"});
        w.visitField(Opcodes.ACC_PRIVATE, "f", "Lp/Schl\u00f6sser\u4e2d;", null, null).visitEnd();
        w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "g", "Lp/Static;", null, null).visitEnd();
        w.visitEnd();
        byte[] file = w.toByteArray();
        ClassFileHeader h = ClassFileHeader.read(new ByteArrayInputStream(file), true);
        assertEquals("p/Basis\u00e4", h.superName());
        assertArrayEquals(new String[] {"p/\u00dcber\u0000"}, h.interfaces());
        assertEquals(List.of("p/Schl\u00f6sser\u4e2d"), h.fieldTypes());
        assertSame(h, ClassFileHeader.of(file), "the file held whole");
    }

    @Test
    void withoutFieldsTheFieldTypesAreLeftOut() throws IOException {
        assertEquals(List.of(), ClassFileHeader.read(new ByteArrayInputStream(classFile(Wide.class)), false).fieldTypes());
    }

    @Test
    void theStreamIsReadNoFurtherThanTheFieldsAndAChunk() throws IOException {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Long", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_PRIVATE, "lock", "Ljava/util/concurrent/locks/ReentrantLock;", null, null).visitEnd();
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        for (int i = 0; i < 20_000; i++) {
            m.visitInsn(Opcodes.NOP);
        }
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        byte[] file = w.toByteArray();
        Counting in = new Counting(file);
        assertEquals(List.of("java/util/concurrent/locks/ReentrantLock"), ClassFileHeader.read(in, true).fieldTypes());
        int fields = fieldsEnd(new ClassReader(file));
        assertTrue(in.consumed() <= fields + 1024 + 3, in.consumed() + " bytes read, the fields end at " + fields);
        assertTrue(file.length > 20_000, "the class file goes on: " + file.length);
    }

    /** Where the field table of a class file ends, from ASM's offsets. */
    private static int fieldsEnd(ClassReader reader) {
        int offset = reader.header + 6;
        offset += 2 + 2 * reader.readUnsignedShort(offset);
        int fields = reader.readUnsignedShort(offset);
        offset += 2;
        for (int f = 0; f < fields; f++) {
            int attributes = reader.readUnsignedShort(offset + 6);
            offset += 8;
            for (int a = 0; a < attributes; a++) {
                offset += 6 + reader.readInt(offset + 2);
            }
        }
        return offset;
    }

    @Test
    void aStreamAndTheFileHeldWholeGiveWhatAsmReads() throws IOException {
        for (Class<?> c : new Class<?>[] {Wide.class, Marker.class, String.class, ReentrantLock.class,
                ClassFileHeaderTest.class}) {
            byte[] file = classFile(c);
            ClassFileHeader expected = asm(file);
            assertSame(expected, ClassFileHeader.read(new ByteArrayInputStream(file), true), c.getName());
            assertSame(expected, ClassFileHeader.of(file), c.getName() + ", held whole");
        }
    }

    /** The header as ASM's reader and visitor find it: what the parser is checked against. */
    private static ClassFileHeader asm(byte[] file) {
        ClassReader reader = new ClassReader(file);
        List<String> types = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) == 0 && descriptor.startsWith("L")) {
                    types.add(descriptor.substring(1, descriptor.length() - 1));
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return new ClassFileHeader(reader.getAccess(), reader.getSuperName(), reader.getInterfaces(), types);
    }

    /** A stream that gives one byte per read, as an inflating stream may give fewer than asked for. */
    private static final class OneByteAtATime extends ByteArrayInputStream {
        OneByteAtATime(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    private static void assertSame(ClassFileHeader expected, ClassFileHeader actual, String what) {
        assertEquals(expected.access(), actual.access(), what);
        assertEquals(expected.superName(), actual.superName(), what);
        assertArrayEquals(expected.interfaces(), actual.interfaces(), what);
        assertEquals(expected.fieldTypes(), actual.fieldTypes(), what);
    }

    /** Every constant-pool tag: a module's (19, 20, no superclass), a dynamic constant's (17), a call site's (18). */
    @Test
    void shortReadsModulesAndDynamicConstantsAreReadAsAsmReadsThem() throws IOException {
        byte[] module;
        try (InputStream in = Object.class.getModule().getResourceAsStream("module-info.class")) {
            module = in.readAllBytes();
        }
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Dynamic", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_PRIVATE, "lock", "Ljava/util/concurrent/locks/Lock;", null, null).visitEnd();
        MethodVisitor m = w.visitMethod(Opcodes.ACC_STATIC, "value", "()Ljava/lang/Object;", null, null);
        m.visitCode();
        Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/ConstantBootstraps", "nullConstant",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        m.visitLdcInsn(new ConstantDynamic("nothing", "Ljava/lang/Object;", bootstrap));
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(1, 0);
        m.visitEnd();
        w.visitEnd();
        byte[] dynamic = w.toByteArray();
        for (byte[] file : new byte[][] {module, dynamic, classFile(Wide.class), classFile(String.class)}) {
            ClassFileHeader expected = asm(file);
            String what = new ClassReader(file).getClassName();
            assertSame(expected, ClassFileHeader.of(file), what + ", held whole");
            assertSame(expected, ClassFileHeader.read(new ByteArrayInputStream(file), true), what);
            assertSame(expected, ClassFileHeader.read(new OneByteAtATime(file), true), what + ", a byte a read");
        }
        assertNull(ClassFileHeader.read(new ByteArrayInputStream(module), true).superName());
        assertEquals(List.of("java/util/concurrent/locks/Lock"),
                ClassFileHeader.read(new ByteArrayInputStream(dynamic), true).fieldTypes());
    }

    /** The buffer one read hands to the next is never two reads' at once. */
    @Test
    void readsOnManyThreadsAtOnceGiveWhatOneThreadReads() throws Exception {
        List<byte[]> files = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Wide.class, Marker.class, String.class, ReentrantLock.class, Thread.class,
                java.util.HashMap.class, java.util.concurrent.ConcurrentHashMap.class, ClassFileHeaderTest.class}) {
            files.add(classFile(c));
        }
        List<ClassFileHeader> expected = new ArrayList<>();
        for (byte[] f : files) {
            expected.add(asm(f));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 500; round++) {
                        int i = (first + round) % files.size();
                        assertSame(expected.get(i), ClassFileHeader.read(new ByteArrayInputStream(files.get(i)), true),
                                "round " + round);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A damaged length is no reason to allocate what it claims: the file ends first, and it is an error. */
    @Test
    void aLengthPastTheFileAllocatesNothingLikeIt() throws IOException {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Damaged", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "N", "I", null, 7).visitEnd();
        w.visitEnd();
        byte[] file = w.toByteArray();
        int attribute = fieldsEnd(new ClassReader(file)) - 8; // the field's one attribute, ConstantValue, ends it
        file[attribute + 2] = 0x40; // its length, 0x40000002
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThrows(IOException.class, () -> ClassFileHeader.read(new ByteArrayInputStream(file), true));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1 << 20, allocated + " bytes allocated");
    }

    @Test
    void anythingButAWholeHeaderIsAnError() throws IOException {
        byte[] file = classFile(Wide.class);
        int fields = fieldsEnd(new ClassReader(file));
        for (int cut : new int[] {0, 3, 10, 200, fields - 1}) {
            byte[] part = Arrays.copyOf(file, cut);
            assertThrows(IOException.class, () -> ClassFileHeader.read(new ByteArrayInputStream(part), true), "cut at " + cut);
            assertNull(ClassFileHeader.of(part), "held whole, cut at " + cut);
        }
        ClassWriter w = new ClassWriter(0); // its last field's last attribute, a ConstantValue, ends the field table
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Constant", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "N", "I", null, 7).visitEnd();
        w.visitEnd();
        byte[] constant = w.toByteArray();
        byte[] cutInAttribute = Arrays.copyOf(constant, fieldsEnd(new ClassReader(constant)) - 1);
        assertThrows(IOException.class, () -> ClassFileHeader.read(new ByteArrayInputStream(cutInAttribute), true));
        byte[] notAClass = file.clone();
        notAClass[0] = 0;
        assertThrows(IOException.class, () -> ClassFileHeader.read(new ByteArrayInputStream(notAClass), true));
    }
}
