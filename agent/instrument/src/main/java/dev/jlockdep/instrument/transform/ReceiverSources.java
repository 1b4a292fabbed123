package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.model.ClassKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Where the receiver of a call comes from: the method's code is followed from its start with a stack of
 * the values' sources, one entry per slot, as the verifier's frames allow (at a branch target the stack
 * is known only by its size, its sources forgotten). The calls of {@code called} on {@code line} give
 * their receiver's source: a field read, or a call without arguments, the same for all of them; else null.
 * The line, not the bytecode offset, finds the call: a stack frame's offset is the rewritten code's, the
 * class file read here the original.
 */
final class ReceiverSources extends MethodVisitor {
    private final int line;
    private final String called;
    private int currentLine = -1;
    /** Whether a call of {@code called} on {@code line} was seen. */
    private boolean seen;
    /** The source of each stack slot: a key and printed name, or null for one that does not say. */
    private final List<String[]> stack = new ArrayList<>();
    /** The source last stored in each local, forgotten where paths meet. */
    private final Map<Integer, String[]> locals = new HashMap<>();
    /** Whether the stack's size is not known here (after a jump, in a class file without frames). */
    private boolean lost;
    private String[] result;

    private ReceiverSources(int line, String called) {
        super(RewriteContext.ASM_API);
        this.line = line;
        this.called = called;
    }

    /** The source of the receiver of the calls of {@code called} on {@code line} of {@code method}, or null. */
    static String[] of(ClassReader reader, String method, String descriptor, int line, String called) {
        ReceiverSources r = new ReceiverSources(line, called);
        reader.accept(new ClassVisitor(RewriteContext.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return name.equals(method) && desc.equals(descriptor) ? r : null;
            }
        }, ClassReader.EXPAND_FRAMES);
        return r.result;
    }

    @Override
    public void visitLineNumber(int l, Label start) {
        currentLine = l;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] frameStack) {
        stack.clear();
        for (int i = 0; i < numStack; i++) {
            push(null, frameStack[i] == Opcodes.LONG || frameStack[i] == Opcodes.DOUBLE ? 2 : 1);
        }
        locals.clear();
        lost = false;
    }

    @Override
    public void visitInsn(int opcode) {
        switch (opcode) {
            case Opcodes.NOP -> { }
            case Opcodes.ACONST_NULL, Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2,
                 Opcodes.ICONST_3, Opcodes.ICONST_4, Opcodes.ICONST_5, Opcodes.FCONST_0, Opcodes.FCONST_1,
                 Opcodes.FCONST_2 -> push(null, 1);
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> push(null, 2);
            case Opcodes.LALOAD, Opcodes.DALOAD -> effect(2, 2);
            case Opcodes.IALOAD, Opcodes.FALOAD, Opcodes.AALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD -> effect(2, 1);
            case Opcodes.LASTORE, Opcodes.DASTORE -> effect(4, 0);
            case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
                 Opcodes.SASTORE -> effect(3, 0);
            case Opcodes.POP, Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> effect(1, 0);
            case Opcodes.POP2 -> effect(2, 0);
            case Opcodes.DUP -> copy(1, 0);
            case Opcodes.DUP_X1 -> copy(1, 1);
            case Opcodes.DUP_X2 -> copy(1, 2);
            case Opcodes.DUP2 -> copy(2, 0);
            case Opcodes.DUP2_X1 -> copy(2, 1);
            case Opcodes.DUP2_X2 -> copy(2, 2);
            case Opcodes.SWAP -> swap();
            case Opcodes.INEG, Opcodes.FNEG, Opcodes.I2F, Opcodes.F2I, Opcodes.I2B, Opcodes.I2C, Opcodes.I2S,
                 Opcodes.ARRAYLENGTH -> effect(1, 1);
            case Opcodes.LNEG, Opcodes.DNEG, Opcodes.L2D, Opcodes.D2L -> effect(2, 2);
            case Opcodes.I2L, Opcodes.I2D, Opcodes.F2L, Opcodes.F2D -> effect(1, 2);
            case Opcodes.L2I, Opcodes.L2F, Opcodes.D2I, Opcodes.D2F -> effect(2, 1);
            case Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR -> effect(3, 2);
            case Opcodes.LCMP, Opcodes.DCMPL, Opcodes.DCMPG -> effect(4, 1);
            case Opcodes.FCMPL, Opcodes.FCMPG -> effect(2, 1);
            case Opcodes.IRETURN, Opcodes.FRETURN, Opcodes.ARETURN, Opcodes.LRETURN, Opcodes.DRETURN, Opcodes.RETURN,
                 Opcodes.ATHROW -> unreachable();
            default -> {
                if (opcode >= Opcodes.IADD && opcode <= Opcodes.DREM || opcode >= Opcodes.IAND && opcode <= Opcodes.LXOR
                        || opcode == Opcodes.ISHL || opcode == Opcodes.ISHR || opcode == Opcodes.IUSHR) {
                    boolean wide = isWideArithmetic(opcode);
                    effect(wide ? 4 : 2, wide ? 2 : 1);
                } else {
                    unreachable(); // not an instruction this reader knows: nothing is said past it
                }
            }
        }
    }

    /** Whether an arithmetic instruction works on longs or doubles (IADD, LADD, FADD, DADD, ... in fours). */
    private static boolean isWideArithmetic(int opcode) {
        if (opcode >= Opcodes.IAND) {
            return (opcode - Opcodes.IAND) % 2 == 1; // IAND, LAND, IOR, LOR, IXOR, LXOR
        }
        int kind = (opcode - Opcodes.IADD) % 4;
        return kind == 1 || kind == 3;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        if (opcode == Opcodes.NEWARRAY) {
            effect(1, 1);
        } else {
            push(null, 1);
        }
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        switch (opcode) {
            case Opcodes.ALOAD -> push(locals.get(var), 1);
            case Opcodes.ILOAD, Opcodes.FLOAD -> push(null, 1);
            case Opcodes.LLOAD, Opcodes.DLOAD -> push(null, 2);
            case Opcodes.ASTORE -> locals.put(var, pop(1));
            case Opcodes.ISTORE, Opcodes.FSTORE -> {
                pop(1);
                locals.remove(var);
            }
            case Opcodes.LSTORE, Opcodes.DSTORE -> {
                pop(2);
                locals.remove(var);
            }
            default -> unreachable(); // RET
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        switch (opcode) {
            case Opcodes.NEW -> push(null, 1);
            case Opcodes.CHECKCAST -> { } // the same value
            default -> effect(1, 1); // ANEWARRAY, INSTANCEOF
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        int size = Type.getType(descriptor).getSize();
        String[] source = descriptor.startsWith("L") ? field(owner, name) : null;
        switch (opcode) {
            case Opcodes.GETSTATIC -> push(source, size);
            case Opcodes.PUTSTATIC -> pop(size);
            case Opcodes.GETFIELD -> {
                pop(1);
                push(source, size);
            }
            default -> pop(1 + size);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        int arguments = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1;
        if (currentLine == line && name.equals(called) && opcode != Opcodes.INVOKESTATIC) {
            int receiver = stack.size() - arguments - 1;
            String[] source = lost || receiver < 0 ? null : stack.get(receiver);
            result = !seen || result != null && source != null && result[0].equals(source[0]) ? source : null;
            seen = true;
        }
        pop(arguments + (opcode == Opcodes.INVOKESTATIC ? 0 : 1));
        Type returned = Type.getReturnType(descriptor);
        String[] source = arguments == 0 && opcode != Opcodes.INVOKESTATIC && returned.getSort() == Type.OBJECT
                ? getter(owner, name) : null;
        push(source, returned.getSize());
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        pop((Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1);
        push(null, Type.getReturnType(descriptor).getSize());
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        switch (opcode) {
            case Opcodes.GOTO -> unreachable();
            case Opcodes.JSR -> push(null, 1);
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE, Opcodes.IFNULL,
                 Opcodes.IFNONNULL -> pop(1);
            default -> pop(2); // IF_ICMPxx, IF_ACMPxx
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        int slots = value instanceof ConstantDynamic c ? Type.getType(c.getDescriptor()).getSize()
                : value instanceof Long || value instanceof Double ? 2 : 1;
        push(null, slots);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        unreachable();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        unreachable();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        effect(dimensions, 1);
    }

    private static String[] field(String owner, String name) {
        String className = owner.replace('/', '.');
        return new String[] {ClassKey.field(className, name), simpleName(className) + "." + name};
    }

    private static String[] getter(String owner, String name) {
        String className = owner.replace('/', '.');
        return new String[] {ClassKey.method(className, name), simpleName(className) + "." + name + "()"};
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private void effect(int popped, int pushed) {
        pop(popped);
        push(null, pushed);
    }

    private void push(String[] source, int slots) {
        for (int i = 0; i < slots; i++) {
            stack.add(source);
        }
    }

    /** Pops {@code slots} slots, giving the source of the deepest; past the stack's bottom, what it holds is lost. */
    private String[] pop(int slots) {
        String[] source = null;
        for (int i = 0; i < slots; i++) {
            if (stack.isEmpty()) {
                lost = true;
                return null;
            }
            source = stack.remove(stack.size() - 1);
        }
        return source;
    }

    /** DUP and its kin: the top {@code count} slots copied below the {@code under} slots beneath them. */
    private void copy(int count, int under) {
        if (stack.size() < count + under) {
            unreachable(); // deeper than this reader followed: nothing is said past it
            return;
        }
        stack.addAll(stack.size() - count - under, new ArrayList<>(stack.subList(stack.size() - count, stack.size())));
    }

    private void swap() {
        if (stack.size() < 2) {
            unreachable();
            return;
        }
        String[] top = stack.remove(stack.size() - 1);
        stack.add(stack.size() - 1, top);
    }

    /** After a jump, a return or a throw: the next instruction's stack comes from its frame. */
    private void unreachable() {
        stack.clear();
        lost = true;
    }
}
