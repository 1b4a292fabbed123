package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.MakerRoles;
import dev.jlockdep.core.model.ClassKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * A maker's role, from the code that uses it: walks the stack from the object being made out of the
 * maker's methods to the first frame of other application code (the maker's user), and reads that
 * method's class file for the receiver of its call into the maker. A receiver read from a field names
 * the role ({@code DataDictionaryImpl.sequenceGeneratorCache}); one returned by a call without arguments
 * names it by that call ({@code BaseDataFileFactory.getPageCache()}); else the user's method does
 * ({@code RAMTransaction.openConglomerate}). Nothing is said when the user's class has no class file (a
 * class generated at run time, whose name changes from run to run), or no user is found.
 */
public final class MakerRoleScan implements MakerRoles {
    /** Deeper than any path from a maker's user to the object it makes; a bound on the walk. */
    private static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final String[] NONE = new String[0];

    /** Roles by user's call (method, line and the maker's method called), per user class. */
    private final ClassValue<Map<String, String[]>> byCall = new ClassValue<>() {
        @Override
        protected Map<String, String[]> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    @Override
    public String[] roleOf(Object maker, String made) {
        Optional<UserCall> call = WALKER.walk(frames -> userCall(frames, maker.getClass(), made));
        if (call.isEmpty()) {
            return null;
        }
        UserCall c = call.get();
        String[] role = byCall.get(c.user).computeIfAbsent(c.method + c.descriptor + ":" + c.line + ":" + c.called,
                k -> read(c));
        return role == NONE ? null : role;
    }

    /** The call from the maker's user into the maker, found on the stack of the constructor of {@code made}. */
    private record UserCall(Class<?> user, String method, String descriptor, int line, String called) {
    }

    private static Optional<UserCall> userCall(Stream<StackWalker.StackFrame> frames, Class<?> makerClass, String made) {
        boolean inMade = false;
        String called = null;
        for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames.limit(MAX_FRAMES)::iterator) {
            Class<?> c = f.getDeclaringClass();
            if (!inMade) {
                inMade = f.getMethodName().equals("<init>") && c.getName().equals(made);
                continue;
            }
            if (c.isAssignableFrom(makerClass)) {
                called = f.getMethodName(); // the maker's method its user called, when this is the last of them
            } else if (!isJdk(c.getName()) && !(f.getMethodName().equals("<init>") && c.getName().equals(made))) {
                return called == null || f.getLineNumber() < 0 ? Optional.empty()
                        : Optional.of(new UserCall(c, f.getMethodName(), f.getDescriptor(), f.getLineNumber(), called));
            }
        }
        return Optional.empty();
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    private static String[] read(UserCall c) {
        String internalName = c.user.getName().replace('.', '/');
        byte[] file = ClassFiles.read(internalName, c.user.getClassLoader());
        if (file == null) {
            return NONE;
        }
        try {
            String[] receiver = ReceiverSources.of(new ClassReader(file), c.method, c.descriptor, c.line, c.called);
            if (receiver != null) {
                return receiver;
            }
        } catch (RuntimeException e) {
            // a class file this reader does not follow: the user's method names the role
        }
        String simple = c.user.getName().substring(c.user.getName().lastIndexOf('.') + 1);
        return new String[] {ClassKey.method(c.user.getName(), c.method), simple + "." + c.method};
    }
}
