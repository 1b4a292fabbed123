package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.instrument.boot.BootstrapBridge;
import dev.jlockdep.instrument.hooks.HookRef;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What every rewrite needs: where sites are registered, what is a lock type, and the class rewritten
 * code calls its hooks on (the bridge in {@code java.lang}; another class in a test), and whether class
 * initialization is followed (the agent option {@code classInits}).
 */
public record RewriteContext(SiteRegistry sites, LockTypes lockTypes, String hookOwner, boolean classInits) {
    /** The ASM api every visitor of the agent uses. */
    public static final int ASM_API = Opcodes.ASM9;

    /** Rewritten code that calls the hooks through the bridge, which every class can see. */
    public static RewriteContext bridged(SiteRegistry sites, boolean classInits) {
        return new RewriteContext(sites, new LockTypes(), BootstrapBridge.NAME, classInits);
    }

    /** Emits a call of {@code hook}, whose arguments are on the stack. */
    public void call(MethodVisitor mv, HookRef hook) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, hookOwner, hook.name(), hook.descriptor(), false);
    }
}
