package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.Site;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.instrument.hooks.ClinitHooks;
import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.transform.RewriteContext;
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
        if (initializer && opcode == Opcodes.RETURN) {
            ended();
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW) {
            use(type);
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
            use(owner);
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
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
            if (cls.writesFrames()) {
                super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
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

    /** Before a use of {@code type}: another application class (the class's own uses wait for nothing). */
    private void use(String type) {
        if (type.equals(cls.owner()) || type.startsWith("[") || isJdk(type)
                || AgentPackages.isAgentClass(type.replace('/', '.'))) {
            return;
        }
        pushClass(type);
        hook(ClinitHooks.CLASS_USE);
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
