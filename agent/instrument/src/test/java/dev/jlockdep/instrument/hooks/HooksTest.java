package dev.jlockdep.instrument.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/** What the bridge exports, and what rewrites may name: the two agree, by name and descriptor. */
class HooksTest {
    private static Set<String> exported() {
        return Hooks.all().stream().map(Hooks.HookMethod::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every HookRef a rewrite can emit resolves against the bridge's methods. */
    @Test
    void everyHookReferenceNamesAnExportedHook() throws IllegalAccessException {
        Set<String> exported = exported();
        Set<String> referenced = new TreeSet<>();
        for (Class<?> c : Hooks.CLASSES) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == HookRef.class && Modifier.isStatic(f.getModifiers())) {
                    HookRef r = (HookRef) f.get(null);
                    assertTrue(exported.contains(r.name() + r.descriptor()), f + " names no hook: " + r);
                    referenced.add(r.name() + r.descriptor());
                }
            }
        }
        // The hooks no rewrite names are the api's, called from the api classes' bridged bodies.
        Set<String> unreferenced = new TreeSet<>(exported);
        unreferenced.removeAll(referenced);
        for (String hook : unreferenced) {
            String name = hook.substring(0, hook.indexOf('('));
            assertTrue(Hooks.standsForApi(name, hook.substring(name.length())), "a hook nothing calls: " + hook);
        }
    }

    /**
     * Each api hook (but those rewritten code calls, named by constants) stands for a static method of
     * the same name and descriptor in an api class, and each such method is bridged.
     */
    @Test
    void theApiHooksMatchTheApiClassesMethods() throws ReflectiveOperationException {
        Set<String> bridged = new TreeSet<>();
        for (String c : new String[] {"dev.jlockdep.api.Lockdep", "dev.jlockdep.api.kernel.TaskContext"}) {
            for (Method m : Class.forName(c).getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && Hooks.standsForApi(m.getName(), Type.getMethodDescriptor(m))) {
                    bridged.add(m.getName() + Type.getMethodDescriptor(m));
                }
            }
        }
        Set<String> apiHooks = new TreeSet<>();
        for (Method m : ApiHooks.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Hook.class)) {
                apiHooks.add(m.getName() + Type.getMethodDescriptor(m));
            }
        }
        for (Field f : ApiHooks.class.getDeclaredFields()) {
            if (f.getType() == HookRef.class) {
                HookRef r = (HookRef) f.get(null);
                apiHooks.remove(r.name() + r.descriptor());
            }
        }
        assertTrue(bridged.contains("setClass(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;"), bridged.toString());
        assertTrue(bridged.contains("irqsSet(I)I"), bridged.toString());
        assertEquals(apiHooks, bridged);
    }

    /** The hooks read from the class files are the methods reflection sees annotated, with their flag. */
    @Test
    void theHooksReadFromClassFilesAreTheAnnotatedMethods() {
        Set<String> annotated = new TreeSet<>();
        for (Class<?> c : Hooks.CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                Hook hook = m.getAnnotation(Hook.class);
                if (hook != null) {
                    annotated.add(c.getName() + "." + m.getName() + Type.getMethodDescriptor(m) + " "
                            + hook.onlyWhileInitializing() + " " + (hook.fast().isEmpty() ? null : hook.fast()));
                }
            }
        }
        Set<String> read = Hooks.all().stream().map(h -> h.owner().getName() + "." + h.signature() + " "
                + h.onlyWhileInitializing() + " " + h.fast()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(annotated, read);
        assertTrue(read.contains("dev.jlockdep.instrument.hooks.ClinitHooks.classUse(Ljava/lang/Class;)V true null"),
                read.toString());
        assertTrue(read.contains("dev.jlockdep.instrument.hooks.LockHooks.monitorExit(Ljava/lang/Object;I)V false monitorExitedAtTop"),
                read.toString());
    }

    /** Each hook and each fast path is a method of the bridge's interface: one signature may not be two. */
    @Test
    void aFastPathSharedOrNamedAsAHookIsRefused() {
        String d = "(Ljava/lang/Object;I)V";
        Hooks.HookMethod a = new Hooks.HookMethod(LockHooks.class, "a", d, false, "again");
        Hooks.HookMethod b = new Hooks.HookMethod(LockHooks.class, "b", d, false, "again");
        Hooks.HookMethod again = new Hooks.HookMethod(LockHooks.class, "again", "(Ljava/lang/Object;I)Z", false, null);
        assertEquals(List.of(a), Hooks.unique(List.of(a)));
        assertThrows(IllegalStateException.class, () -> Hooks.unique(List.of(a, b)));
        assertThrows(IllegalStateException.class, () -> Hooks.unique(List.of(a, again)));
    }

    @Test
    void aReferenceToAMethodThatIsNoHookIsRefused() {
        assertThrows(IllegalStateException.class, () -> HookRef.of(HookRuntime.class, "fault", Throwable.class));
        assertThrows(IllegalStateException.class, () -> HookRef.of(LockHooks.class, "monitorEnter", Object.class));
    }

    @Test
    void hookReferencesAreEqualByNameAndDescriptor() {
        HookRef ref = new HookRef("monitorEnter", "(Ljava/lang/Object;I)V");
        assertEquals(ref, HookRef.of(LockHooks.class, "monitorEnter", Object.class, int.class));
        assertEquals(ref.hashCode(), HookRef.of(LockHooks.class, "monitorEnter", Object.class, int.class).hashCode());
        assertNotEquals(ref, new HookRef("monitorExit", "(Ljava/lang/Object;I)V"));
        assertNotEquals(ref, new HookRef("monitorEnter", "(Ljava/lang/Object;J)V"));
    }
}
