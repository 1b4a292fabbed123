package dev.jlockdep.instrument.transform;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What the lock-type questions need of a class file: its access flags, superclass, interfaces and the
 * class types of its instance fields. Read from a stream as far as the field table and no further: the
 * methods, most of a class file, are never inflated, and nothing is made of the constant pool but the
 * few names kept (thousands of class files named at call sites are read this way). A class being
 * rewritten, whose bytes are at hand, is read by the same parser.
 *
 * @param fieldTypes the types of its instance fields that are classes (not arrays or primitives)
 */
record ClassFileHeader(int access, String superName, String[] interfaces, List<String> fieldTypes) {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int CHUNK = 1024;
    private static final int KEPT_BUFFER = 16 * 1024;
    /** The buffer {@link #read} reads into, when no other read has it. */
    private static final AtomicReference<byte[]> spare = new AtomicReference<>();

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    /**
     * The header of the class file a stream gives, with its instance fields' types only if {@code withFields};
     * an {@link IOException} if it is none, or cut short.
     */
    static ClassFileHeader read(InputStream in, boolean withFields) throws IOException {
        byte[] kept = spare.getAndSet(null);
        Input input = new Input(in, kept != null ? kept : new byte[KEPT_BUFFER]);
        try {
            return parse(input, withFields);
        } finally {
            if (input.buffer.length == KEPT_BUFFER) {
                spare.set(input.buffer);
            }
        }
    }

    /** The header of a class file held whole (a class being rewritten), or null if it is none. */
    static ClassFileHeader of(byte[] classFile) {
        try {
            return parse(new Input(classFile), true);
        } catch (IOException e) {
            return null;
        }
    }

    private static ClassFileHeader parse(Input in, boolean withFields) throws IOException {
        if (in.int32(0) != MAGIC) {
            throw new IOException("not a class file");
        }
        int count = in.u2(8);
        // Per constant: where a UTF-8 constant's length is, a class constant's name index, 0 for the others.
        int[] constants = new int[count];
        int offset = 10;
        for (int i = 1; i < count; i++) {
            int tag = in.u1(offset);
            switch (tag) {
                case 1 -> { // Utf8
                    constants[i] = offset + 1;
                    offset += 3 + in.u2(offset + 1);
                }
                case 7 -> { // Class
                    constants[i] = in.u2(offset + 1);
                    offset += 3;
                }
                case 8, 16, 19, 20 -> offset += 3; // String, MethodType, Module, Package
                case 15 -> offset += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> offset += 5; // ints, floats, references, NameAndType, dynamics
                case 5, 6 -> { // Long and Double take two slots
                    offset += 9;
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        int access = in.u2(offset);
        int superClass = in.u2(offset + 4);
        int interfaceCount = in.u2(offset + 6);
        offset += 8;
        String[] interfaces = new String[interfaceCount];
        for (int i = 0; i < interfaceCount; i++) {
            interfaces[i] = className(in, constants, in.u2(offset));
            offset += 2;
        }
        int fields = in.u2(offset);
        offset += 2;
        List<String> types = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            if (withFields && (in.u2(offset) & Opcodes.ACC_STATIC) == 0) {
                int descriptor = constants[in.u2(offset + 4)];
                if (in.u1(descriptor + 2) == 'L') {
                    String d = in.utf8(descriptor);
                    types.add(d.substring(1, d.length() - 1));
                }
            }
            int attributes = in.u2(offset + 6);
            offset += 8;
            for (int a = 0; a < attributes; a++) {
                int size = in.int32(offset + 2);
                if (size < 0) {
                    throw new IOException("attribute too long");
                }
                offset += 6 + size;
            }
        }
        in.need(offset); // the field table whole: a file cut short inside it is no class file
        String superName = superClass == 0 ? null : className(in, constants, superClass);
        return new ClassFileHeader(access, superName, interfaces, listOf(types));
    }

    private static String className(Input in, int[] constants, int classIndex) throws IOException {
        return in.utf8(constants[constants[classIndex]]);
    }

    private static List<String> listOf(List<String> types) {
        return types.isEmpty() ? List.of() : List.copyOf(types);
    }

    /** A class file's bytes, read from the stream only as far as a caller has asked. */
    private static final class Input {
        private final InputStream in;
        byte[] buffer;
        private int length;

        Input(InputStream in, byte[] buffer) {
            this.in = in;
            this.buffer = buffer;
        }

        /** A class file already read whole: nothing more to read. */
        Input(byte[] whole) {
            this(null, whole);
            length = whole.length;
        }

        int u1(int offset) throws IOException {
            need(offset + 1);
            return buffer[offset] & 0xFF;
        }

        int u2(int offset) throws IOException {
            need(offset + 2);
            return ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF);
        }

        int int32(int offset) throws IOException {
            need(offset + 4);
            return (u2(offset) << 16) | u2(offset + 2);
        }

        /** The UTF-8 constant whose length is at {@code offset}: most are ASCII, decoded as such. */
        String utf8(int offset) throws IOException {
            int n = u2(offset);
            need(offset + 2 + n);
            for (int k = offset + 2; k < offset + 2 + n; k++) {
                if (buffer[k] <= 0) { // not ASCII, or the modified UTF-8 of a NUL: the JDK's own decoding
                    return new DataInputStream(new ByteArrayInputStream(buffer, offset, n + 2)).readUTF();
                }
            }
            return new String(buffer, offset + 2, n, StandardCharsets.ISO_8859_1);
        }

        /**
         * Reads on until the first {@code end} bytes are in, a chunk past them at a time; an EOF before them
         * is an error. The buffer grows only as bytes arrive, whatever length a damaged file claims.
         */
        void need(int end) throws IOException {
            if (end < 0) {
                throw new IOException("class file too long");
            }
            while (length < end) {
                if (in != null && length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in == null ? -1
                        : in.read(buffer, length, (int) Math.min(buffer.length, (long) end + CHUNK) - length);
                if (read < 0) {
                    throw new IOException("class file cut short");
                }
                length += read;
            }
        }
    }
}
