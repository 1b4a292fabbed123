package dev.jlockdep.instrument.transform.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.hooks.Hooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * Every rewrite of the call-site table calls a hook the bridge exports, with the descriptor the
 * rewritten stack needs: a mismatch would be a NoSuchMethodError at the application's lock site.
 */
class CallSiteRewritesTest {
    private static final Set<String> EXPORTED = Hooks.all().stream().map(Hooks.HookMethod::signature).collect(Collectors.toSet());
    private static final Type OBJECT = Type.getType(Object.class);

    /** The descriptor the rewritten code calls the hook with, for a call {@code desc} on {@code receiver}. */
    private static String stackShape(CallSiteRewrites.Rewrite r, String receiver, String desc) {
        Type result = Type.getReturnType(desc);
        Type[] args = Type.getArgumentTypes(desc);
        return switch (r.kind()) {
            case BEFORE -> Type.getMethodDescriptor(Type.VOID_TYPE, OBJECT, Type.INT_TYPE);
            case AFTER -> Type.getMethodDescriptor(result, OBJECT, result, Type.INT_TYPE);
            case WRAP_ARGUMENT -> Type.getMethodDescriptor(OBJECT, OBJECT, OBJECT, Type.INT_TYPE);
            case REPLACE -> {
                // The hook's own receiver type, which the call's receiver must be assignable to.
                Type declared = Type.getArgumentTypes(r.hook().descriptor())[0];
                assertTrue(assignable(receiver, declared), receiver + " is no " + declared + " for " + r);
                List<Type> params = new ArrayList<>();
                params.add(declared);
                params.addAll(Arrays.asList(args));
                params.add(Type.INT_TYPE);
                yield Type.getMethodDescriptor(result, params.toArray(new Type[0]));
            }
        };
    }

    private static boolean assignable(String receiver, Type declared) {
        try {
            Class<?> to = Class.forName(declared.getClassName());
            Class<?> from = Class.forName(receiver.split(" ")[0].replace('/', '.'), false,
                    CallSiteRewritesTest.class.getClassLoader());
            return to.isAssignableFrom(from);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyRewriteCallsAnExportedHookWithTheDescriptorItsStackNeeds() {
        int checked = 0;
        for (Map.Entry<String, Map<String, CallSiteRewrites.Rewrite>> receiver : CallSiteRewrites.byReceiver().entrySet()) {
            for (Map.Entry<String, CallSiteRewrites.Rewrite> method : receiver.getValue().entrySet()) {
                CallSiteRewrites.Rewrite r = method.getValue();
                HookRef hook = r.hook();
                String call = method.getKey();
                String desc = call.substring(call.indexOf('('));
                assertTrue(EXPORTED.contains(hook.name() + hook.descriptor()), "not exported: " + hook);
                assertEquals(stackShape(r, receiver.getKey(), desc), hook.descriptor(), receiver.getKey() + "." + call);
                checked++;
            }
        }
        assertTrue(checked > 50, checked + " rewrites");
    }

    @Test
    void aStructuredTaskScopesForkAndJoinAreRewrittenToo() {
        String scope = "java/util/concurrent/StructuredTaskScope";
        CallSiteRewrites.Rewrite fork = CallSiteRewrites.find(Opcodes.INVOKEINTERFACE, scope, "fork",
                "(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/StructuredTaskScope$Subtask;", owner -> false);
        assertNotNull(fork);
        assertEquals("java/util/concurrent/Callable", fork.castTo());
        assertEquals(stackShape(fork, scope, "()V"), fork.hook().descriptor());
        CallSiteRewrites.Rewrite join = CallSiteRewrites.find(Opcodes.INVOKEINTERFACE, scope, "join",
                "()Ljava/util/concurrent/StructuredTaskScope;", owner -> false);
        assertEquals(stackShape(join, scope, "()V"), join.hook().descriptor());
    }

    @Test
    void aLockSubclassGetsTheLockRewritesAndAnUnknownReceiverOnlyTheCheckedOnes() {
        String sub = "com/acme/TimedLock";
        CallSiteRewrites.Rewrite known = CallSiteRewrites.find(Opcodes.INVOKEVIRTUAL, sub, "lockInterruptibly", "()V",
                owner -> owner.equals(sub));
        assertEquals(CallSiteRewrites.Kind.REPLACE, known.kind());
        assertNull(CallSiteRewrites.find(Opcodes.INVOKEVIRTUAL, sub, "lockInterruptibly", "()V", owner -> false));
        assertEquals("lockIfLock", CallSiteRewrites.find(Opcodes.INVOKEVIRTUAL, sub, "lock", "()V", owner -> false)
                .hook().name());
        assertNull(CallSiteRewrites.find(Opcodes.INVOKEINTERFACE, "com/acme/Lockish", "lock", "()V", owner -> false));
        assertNull(CallSiteRewrites.find(Opcodes.INVOKESTATIC, "java/util/concurrent/locks/Lock", "lock", "()V",
                owner -> true));
    }
}
