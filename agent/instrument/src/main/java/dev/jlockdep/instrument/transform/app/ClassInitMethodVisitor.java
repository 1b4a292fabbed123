package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.Site;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.instrument.hooks.ClinitHooks;
import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Class initialization, as {@link ClinitHooks} follows it: a static initializer says where it begins
 * and each way it ends (a catch-all handler, registered after the method's own handlers, says so of an
 * exception and rethrows it); each use of another application class that initializes it (JVMS 5.5:
 * {@code new}, {@code getstatic}, {@code putstatic}, {@code invokestatic}) is preceded by that class's
 * use hook, which costs a read of the bridge's count while no initializer runs. Uses by reflection,
 * method handles and the JDK's own code are not seen.
 */
final class ClassInitMethodVisitor extends MethodVisitor {
    /** Stack slots the inserted code needs at most beyond the method's own. */
    private static final int EXTRA_STACK = 2;
    private static final String[] JDK_PACKAGES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private final LockClassVisitor cls;
    private final String methodName;
    private final boolean initializer;
    private int site;
    /** The entry hook, given the initializer's first line, so that stacks through it show one. */
    private Label entry;
    private Label start;
    private boolean lineSeen;
    /**
     * Whether the method's frames came expanded ({@code F_NEW}): read so, or from an old {@code StackMap}
     * attribute, which has no compressed form. A method's frames must all be of one form.
     */
    private boolean expandedFrames;
    /** The label visited since the last instruction, which marks the next one; else null. */
    private Label atInstruction;
    /** The labels of new instructions, moved past their hooks (see {@link #visitTypeInsn}). */
    private final Map<Label, Label> movedLabels = new HashMap<>();

    ClassInitMethodVisitor(MethodVisitor mv, LockClassVisitor cls, String methodName) {
        super(RewriteContext.ASM_API, mv);
        this.cls = cls;
        this.methodName = methodName;
        this.initializer = methodName.equals("<clinit>");
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (initializer) {
            site = cls.sites().register(new Site(frame(-1), null, null, false));
            entry = new Label();
            super.visitLabel(entry);
            pushClass(cls.owner());
            pushInt(site);
            hook(ClinitHooks.INIT_STARTING);
            start = new Label();
            super.visitLabel(start);
        }
    }

    @Override
    public void visitLineNumber(int line, Label label) {
        if (initializer && !lineSeen) {
            lineSeen = true;
            cls.sites().update(site, new Site(frame(line), null, null, false));
            super.visitLineNumber(line, entry);
        }
        super.visitLineNumber(line, label);
    }

    @Override
    public void visitInsn(int opcode) {
        instruction();
        if (initializer && opcode == Opcodes.RETURN) {
            ended();
        }
        super.visitInsn(opcode);
    }

    /**
     * A {@code new}'s hook goes before it, but its label marks it for the frames that hold the object
     * not yet constructed: the label moves past the hook (a new one, which those frames then name).
     */
    @Override
    public void visitTypeInsn(int opcode, String type) {
        Label marking = atInstruction;
        instruction();
        if (opcode == Opcodes.NEW && use(type) && marking != null) {
            Label moved = new Label();
            super.visitLabel(moved);
            movedLabels.put(marking, moved);
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        atInstruction = label;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        expandedFrames |= type == Opcodes.F_NEW;
        super.visitFrame(type, numLocal, moved(local, numLocal), numStack, moved(stack, numStack));
    }

    /** Frame entries with the labels of new instructions moved past their hooks. */
    private Object[] moved(Object[] entries, int count) {
        if (movedLabels.isEmpty() || entries == null) {
            return entries;
        }
        Object[] copy = entries.clone();
        for (int i = 0; i < count; i++) {
            if (copy[i] instanceof Label l && movedLabels.containsKey(l)) {
                copy[i] = movedLabels.get(l);
            }
        }
        return copy;
    }

    /** An instruction is visited: a label visited before it no longer marks the next one. */
    private void instruction() {
        atInstruction = null;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        instruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        instruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        instruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        instruction();
        if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
            use(owner);
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        instruction();
        if (opcode == Opcodes.INVOKESTATIC) {
            use(owner);
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (initializer) {
            Label handler = new Label();
            super.visitLabel(handler);
            super.visitTryCatchBlock(start, handler, handler, null);
            if (cls.writesFrames()) { // no locals, the exception on the stack: a full frame, in the method's own form
                super.visitFrame(expandedFrames ? Opcodes.F_NEW : Opcodes.F_FULL, 0, new Object[0], 1,
                        new Object[] {"java/lang/Throwable"});
            }
            ended();
            super.visitInsn(Opcodes.ATHROW);
        }
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    private void ended() {
        pushClass(cls.owner());
        pushInt(site);
        hook(ClinitHooks.INIT_ENDED);
    }

    /**
     * Before a use of {@code type}: another application class (the class's own uses wait for nothing).
     * Whether the hook was written.
     */
    private boolean use(String type) {
        if (type.equals(cls.owner()) || type.startsWith("[") || isJdk(type)
                || AgentPackages.isAgentClass(type.replace('/', '.'))) {
            return false;
        }
        pushClass(type);
        hook(ClinitHooks.CLASS_USE);
        return true;
    }

    private static boolean isJdk(String type) {
        for (String p : JDK_PACKAGES) {
            if (type.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private void pushClass(String internalName) {
        super.visitLdcInsn(Type.getObjectType(internalName));
    }

    private void hook(HookRef hook) {
        cls.context().call(mv, hook);
        cls.markChanged();
    }

    private void pushInt(int value) {
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }

    private Frame frame(int line) {
        return new Frame(cls.owner().replace('/', '.'), methodName, cls.sourceFile(), line);
    }
}
