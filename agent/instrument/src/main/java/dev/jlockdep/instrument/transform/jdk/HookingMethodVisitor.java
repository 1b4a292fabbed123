package dev.jlockdep.instrument.transform.jdk;

import dev.jlockdep.core.Site;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.transform.RewriteContext;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** A method visitor of a JDK class that calls hooks, with room on the stack for their arguments. */
class HookingMethodVisitor extends MethodVisitor {
    /** In {@link #beforeReturn}'s loads: the value being returned, duplicated. */
    static final int DUP_RESULT = -1;

    private final JdkClassRewrite.Method method;
    private int line = -1;

    HookingMethodVisitor(MethodVisitor mv, JdkClassRewrite.Method method) {
        super(RewriteContext.ASM_API, mv);
        this.method = method;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    /** A site at the current line of this JDK method. */
    int registerSite() {
        String owner = method.owner();
        String file = owner.substring(owner.lastIndexOf('/') + 1) + ".java";
        return method.context().sites().register(new Site(new Frame(owner.replace('/', '.'), method.name(), file,
                line), null, null, false));
    }

    void pushSite() {
        super.visitLdcInsn(registerSite());
    }

    void hook(HookRef hook) {
        method.context().call(mv, hook);
        method.changed().run();
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 3, maxLocals);
    }

    /**
     * Replaces the interface call {@code callOwner.callName} with a hook that makes it: the receiver on
     * the stack, then {@code this} and a site ({@code [fn] -> [fn, this, site] -> hook(fn, this, site)}).
     */
    static MethodVisitor replaceCall(MethodVisitor mv, JdkClassRewrite.Method m, String callOwner, String callName,
                                     HookRef hook) {
        return new HookingMethodVisitor(mv, m) {
            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                if (opcode == Opcodes.INVOKEINTERFACE && o.equals(callOwner) && n.equals(callName)) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    pushSite();
                    hook(hook);
                    return;
                }
                super.visitMethodInsn(opcode, o, n, d, itf);
            }
        };
    }

    /** Calls {@code hook} before every {@code returnOpcode}, with these locals (or the result) loaded. */
    static MethodVisitor beforeReturn(MethodVisitor mv, JdkClassRewrite.Method m, int returnOpcode, int[] loads,
                                      HookRef hook) {
        return new HookingMethodVisitor(mv, m) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == returnOpcode) {
                    for (int local : loads) {
                        if (local == DUP_RESULT) {
                            super.visitInsn(Opcodes.DUP);
                        } else {
                            super.visitVarInsn(Opcodes.ALOAD, local);
                        }
                    }
                    hook(hook);
                }
                super.visitInsn(opcode);
            }
        };
    }

    /** Calls {@code hook} first thing, with these locals loaded. */
    static MethodVisitor atStart(MethodVisitor mv, JdkClassRewrite.Method m, int[] loads, HookRef hook) {
        return new HookingMethodVisitor(mv, m) {
            @Override
            public void visitCode() {
                super.visitCode();
                for (int local : loads) {
                    super.visitVarInsn(Opcodes.ALOAD, local);
                }
                hook(hook);
            }
        };
    }
}
