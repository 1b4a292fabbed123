package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/** A maker's role, from the receiver of its user's call as the user's class file shows it. */
class MakerRoleScanTest {
    private static final String FIXTURE = Users.class.getName();

    /** An object made by a maker, asking for its maker's role as a lock's binding would. */
    static final class Made {
        final String[] role;

        Made(Maker maker) {
            role = new MakerRoleScan().roleOf(maker, Made.class.getName());
        }
    }

    static final class Maker {
        Made make(String key) {
            return new Made(this);
        }

        Made make(long first, long second) {
            return new Made(this);
        }
    }

    /** Users of makers, each reaching its maker another way. */
    static final class Users {
        private static final Maker SHARED = new Maker();
        private final Maker first = new Maker();

        Maker maker() {
            return first;
        }

        String[] byField() {
            return first.make("x").role;
        }

        String[] byStaticField() {
            return SHARED.make("x").role;
        }

        String[] byGetter() {
            return maker().make("x").role;
        }

        String[] byLocal() {
            Maker m = first;
            return m.make("x").role;
        }

        String[] withWideArguments(long n) {
            return first.make(n * 2L, n + 1L).role;
        }

        String[] byOneOfTwo(boolean which) {
            return (which ? first : SHARED).make("x").role;
        }

        String[] byTwoOnOneLine() {
            return first.make("x").role.length > 0 ? SHARED.make("y").role : null;
        }
    }

    private static String[] field(String name) {
        return new String[] {"field:" + FIXTURE + "." + name, "MakerRoleScanTest$Users." + name};
    }

    private static String[] method(String name, String printed) {
        return new String[] {"method:" + FIXTURE + "." + name, "MakerRoleScanTest$Users." + printed};
    }

    @Test
    void aMakerReadFromAFieldIsNamedByIt() {
        Users users = new Users();
        assertArrayEquals(field("first"), users.byField());
        assertArrayEquals(field("SHARED"), users.byStaticField());
        assertArrayEquals(field("first"), users.byLocal());
        assertArrayEquals(field("first"), users.withWideArguments(3));
    }

    @Test
    void aMakerReturnedByACallIsNamedByTheCall() {
        assertArrayEquals(method("maker", "maker()"), new Users().byGetter());
    }

    @Test
    void aMakerTheCodeDoesNotTellIsNamedByItsUsersMethod() {
        assertArrayEquals(method("byOneOfTwo", "byOneOfTwo"), new Users().byOneOfTwo(true));
        assertArrayEquals(method("byTwoOnOneLine", "byTwoOnOneLine"), new Users().byTwoOnOneLine());
    }

    @Test
    void noRoleWithoutAMakerOnTheStack() {
        assertNull(new MakerRoleScan().roleOf(new Maker(), Made.class.getName()));
    }

    /**
     * A receiver that stack shuffles moved keeps its source: {@code "x"} pushed first, the field after, the
     * two swapped, then the call (code javac does not write, other compilers may).
     */
    @Test
    void aReceiverMovedBySwapKeepsItsSource() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Swapped", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "use", "()V", null, null);
        m.visitCode();
        Label line = new Label();
        m.visitLabel(line);
        m.visitLineNumber(7, line);
        String maker = Type.getInternalName(Maker.class);
        m.visitLdcInsn("x");
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitFieldInsn(Opcodes.GETFIELD, "Swapped", "cache", "L" + maker + ";");
        m.visitInsn(Opcodes.SWAP);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, maker, "make", "(Ljava/lang/String;)L" + Type.getInternalName(Made.class) + ";", false);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(2, 1);
        m.visitEnd();
        cw.visitEnd();
        assertArrayEquals(new String[] {"field:Swapped.cache", "Swapped.cache"},
                ReceiverSources.of(new ClassReader(cw.toByteArray()), "use", "()V", 7, "make"));
    }
}
