package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.InitOrigins;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which code can begin a class's initialization, read from the class files of its package. A class is
 * begun by a {@code new} of it, a use of one of its static members, or the initialization of a subclass:
 * only code that uses it (see {@link Uses}) can begin it. A class whose constructors and static members no
 * other package may use (the class or all of them not public or protected) is used only by classes of its
 * package, all of which are read. If every one of them is the super in question, a class that extends it
 * (whose code runs only after the super's initialization has begun: JVMS 5.5, step 7), or in turn a class
 * begun only by such code, no thread can begin the class before its super.
 *
 * <p>Not seen: a class begun by reflection on its name ({@code Class.forName}) or made by classes defined
 * at run time in its package; a package split over several jars (the one the class came from is read);
 * class files in containers other than a directory or a jar of the file system (answered: may be begun).
 */
public final class InitOriginScan implements InitOrigins {
    /** Packages read and kept, the latest used: the classes of a package are mostly initialized together. */
    private static final int PACKAGES_KEPT = 16;
    private static final String CLASS_FILE = ".class";
    private static final String VERSIONS = "META-INF/versions/";
    /** Deeper than any real hierarchy: a guard against class files that name each other as supertypes. */
    private static final int MAX_SUPERTYPES = 256;

    private final ClassValue<Map<Class<?>, Boolean>> answers = new ClassValue<>() {
        @Override
        protected Map<Class<?>, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private final Map<String, PackageIndex> packages = new LinkedHashMap<>(PACKAGES_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PackageIndex> eldest) {
            return size() > PACKAGES_KEPT;
        }
    };

    @Override
    public boolean onlyAfter(Class<?> c, Class<?> s) {
        Map<Class<?>, Boolean> known = answers.get(c);
        Boolean answer = known.get(s);
        if (answer == null) {
            answer = c.getClassLoader() != null && begunOnlyAfter(internalName(c), internalName(s), c.getClassLoader());
            known.put(s, answer);
        }
        return answer;
    }

    private boolean begunOnlyAfter(String c, String s, ClassLoader loader) {
        PackageIndex pkg = packageOf(c, loader);
        if (pkg == null) {
            return false;
        }
        Set<String> decided = new HashSet<>();
        ArrayDeque<String> toRead = new ArrayDeque<>(List.of(c));
        decided.add(c);
        // Every class that can begin c first, and what can begin those: all must run only after s began.
        // A class met again adds nothing, so the search ends within the package.
        while (!toRead.isEmpty()) {
            String x = toRead.poll();
            ClassSummary summary = pkg.classes.get(x);
            if (summary == null || summary.openToOtherPackages) {
                return false;
            }
            for (String user : pkg.usedBy.getOrDefault(x, Set.of())) {
                if (!decided.contains(user) && !user.equals(s) && !extendsSuper(user, s, decided, pkg, loader)) {
                    decided.add(user);
                    toRead.add(user);
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code x} is a class (not an interface) with {@code s} among its supertypes, and none of
     * the classes the search looks at ({@code begun}) among them: beginning {@code x} begins its
     * supertypes below {@code s} before {@code s} (JVMS 5.5, steps 6 and 7), so a class that extends the
     * subclass itself begins it first. A supertype whose class file cannot be read answers false.
     */
    private static boolean extendsSuper(String x, String s, Set<String> begun, PackageIndex pkg, ClassLoader loader) {
        ClassSummary first = summary(x, pkg, loader);
        if (first == null || first.isInterface) {
            return false;
        }
        boolean reaches = false;
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> supers = new ArrayDeque<>(List.of(x));
        while (!supers.isEmpty()) {
            if (seen.size() >= MAX_SUPERTYPES) {
                return false;
            }
            ClassSummary summary = summary(supers.poll(), pkg, loader);
            if (summary == null) {
                return false;
            }
            for (String t : summary.supertypes) {
                if (begun.contains(t)) {
                    return false;
                }
                if (t.equals(s)) {
                    reaches = true;
                } else if (!t.startsWith("java/") && seen.add(t)) {
                    supers.add(t);
                }
            }
        }
        return reaches;
    }

    private static ClassSummary summary(String name, PackageIndex pkg, ClassLoader loader) {
        ClassSummary summary = pkg.classes.get(name);
        if (summary == null) {
            byte[] file = ClassFiles.read(name, loader);
            try {
                summary = file == null ? null : ClassSummary.of(new ClassReader(file), null);
            } catch (RuntimeException unreadable) { // a class file too new or damaged: no answer from it
                return null;
            }
        }
        return summary;
    }

    /**
     * The classes of {@code c}'s package, read on first need; null if its class files cannot be listed,
     * or not all from the class path entry {@code c} came from.
     */
    private PackageIndex packageOf(String c, ClassLoader loader) {
        URL url = ClassFiles.locate(c, loader);
        if (url == null) {
            return null;
        }
        String file = url.toString();
        String pkg = c.substring(0, c.lastIndexOf('/') + 1);
        String container = file.substring(0, file.length() - (c + CLASS_FILE).length()); // its class path entry
        if (splitPackage(container, pkg, loader)) { // asked each time: the entries are the loader's, not the index's
            return null;
        }
        synchronized (packages) {
            PackageIndex index = packages.get(container + pkg);
            if (index == null) {
                try {
                    index = read(url, container, pkg);
                } catch (IOException | URISyntaxException | RuntimeException unreadable) {
                    index = PackageIndex.UNREADABLE;
                }
                packages.put(container + pkg, index);
            }
            return index == PackageIndex.UNREADABLE ? null : index;
        }
    }

    /**
     * Whether the package {@code pkg} has classes in another class path entry of the loader than
     * {@code container} (a test's {@code target/test-classes} beside {@code target/classes}), which its
     * index would not hold. Found by the entries' directories for the package: a jar written without
     * directory entries is not.
     */
    private static boolean splitPackage(String container, String pkg, ClassLoader loader) {
        try {
            for (URL dir : Collections.list(loader.getResources(pkg))) {
                if (!dir.toString().equals(container + pkg)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException unknown) {
            return true;
        }
    }

    private static PackageIndex read(URL url, String container, String pkg) throws IOException, URISyntaxException {
        PackageIndex index = new PackageIndex();
        if (url.getProtocol().equals("file")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(new URI(container + pkg)), "*" + CLASS_FILE)) {
                for (Path file : files) {
                    index.add(Files.readAllBytes(file));
                }
            }
            return index;
        }
        int separator = container.indexOf("!/");
        if (!url.getProtocol().equals("jar") || separator < 0 || container.indexOf("!/", separator + 2) >= 0) {
            return PackageIndex.UNREADABLE;
        }
        URI jarUri = new URI(container.substring("jar:".length(), separator));
        if (!"file".equals(jarUri.getScheme())) {
            return PackageIndex.UNREADABLE;
        }
        try (JarFile jar = new JarFile(Path.of(jarUri).toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                if (inPackage(entry.getName(), pkg)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        index.add(in.readAllBytes());
                    }
                }
            }
        }
        return index;
    }

    /** A class file of the package, of any release of a multi-release jar. */
    private static boolean inPackage(String entry, String pkg) {
        String name = entry;
        if (name.startsWith(VERSIONS)) {
            int release = name.indexOf('/', VERSIONS.length());
            name = release < 0 ? "" : name.substring(release + 1);
        }
        return name.startsWith(pkg) && name.endsWith(CLASS_FILE) && name.indexOf('/', pkg.length()) < 0;
    }

    private static String internalName(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    /** The classes of one package: what each is, and which name each. */
    private static final class PackageIndex {
        static final PackageIndex UNREADABLE = new PackageIndex();

        final Map<String, ClassSummary> classes = new HashMap<>();
        /** For each class used in the package, the classes of the package that may begin it (see {@link Uses}). */
        final Map<String, Set<String>> usedBy = new HashMap<>();

        void add(byte[] file) {
            ClassReader reader = new ClassReader(file);
            Set<String> uses = new HashSet<>();
            ClassSummary summary = ClassSummary.of(reader, uses);
            String name = reader.getClassName();
            ClassSummary other = classes.get(name); // another release's: either may be the one that runs
            classes.put(name, other == null || summary.openToOtherPackages ? summary : other);
            for (String target : uses) {
                usedBy.computeIfAbsent(target, k -> new HashSet<>()).add(name);
            }
        }
    }

    /** What a class file tells of how its class can be begun, and (when asked) which classes it begins. */
    private record ClassSummary(boolean isInterface, List<String> supertypes, boolean openToOtherPackages) {
        /**
         * Reads a class file's header; with {@code uses}, its members and code too, adding to {@code uses}
         * every class it may begin (see {@link Uses}).
         */
        static ClassSummary of(ClassReader reader, Set<String> uses) {
            int access = reader.getAccess();
            boolean isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            List<String> supertypes = new ArrayList<>(List.of(reader.getInterfaces()));
            if (reader.getSuperName() != null) {
                supertypes.add(reader.getSuperName());
            }
            if (uses == null) {
                return new ClassSummary(isInterface, List.copyOf(supertypes), false);
            }
            uses.addAll(supertypes);
            Uses visitor = new Uses(uses);
            reader.accept(visitor, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            // A public interface can be implemented (and so begun) anywhere.
            boolean open = (access & Opcodes.ACC_PUBLIC) != 0 && (isInterface || visitor.beginsFromOutside);
            return new ClassSummary(isInterface, List.copyOf(supertypes), open);
        }
    }

    /**
     * The classes a class file may begin: the owners of the fields and methods its code uses, the classes
     * it makes, and every class literal in its code and annotations (reflection on a literal may begin it).
     * A mention that begins nothing (an inner-class entry, a cast, a signature) is not one. Also whether a
     * public class has a constructor or a static member another package can use (public, or protected for
     * its subclasses); a constant (a static final field with a constant value) begins nothing.
     */
    private static final class Uses extends ClassVisitor {
        private final Set<String> uses;
        boolean beginsFromOutside;

        Uses(Set<String> uses) {
            super(RewriteContext.ASM_API);
            this.uses = uses;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return literals();
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            boolean constant = (access & Opcodes.ACC_FINAL) != 0 && value != null;
            beginsFromOutside |= (access & Opcodes.ACC_STATIC) != 0 && !constant && reachable(access);
            return new FieldVisitor(api) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return literals();
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            boolean begins = name.equals("<init>") || (access & Opcodes.ACC_STATIC) != 0 && !name.equals("<clinit>");
            beginsFromOutside |= begins && reachable(access);
            return new MethodVisitor(api) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return literals();
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW) {
                        uses.add(type);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String d) {
                    uses.add(owner);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                    uses.add(owner);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitInvokeDynamicInsn(String method, String d, Handle bootstrap, Object... arguments) {
                    constant(bootstrap);
                    for (Object a : arguments) {
                        constant(a);
                    }
                }
            };
        }

        private void constant(Object value) {
            if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                uses.add(t.getInternalName());
            } else if (value instanceof Handle h) {
                uses.add(h.getOwner());
            } else if (value instanceof ConstantDynamic c) {
                constant(c.getBootstrapMethod());
                for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                    constant(c.getBootstrapMethodArgument(i));
                }
            }
        }

        /** Records the class literals of an annotation, at any depth. */
        private AnnotationVisitor literals() {
            return new AnnotationVisitor(api) {
                @Override
                public void visit(String name, Object value) {
                    constant(value);
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                    return this;
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    return this;
                }
            };
        }

        private static boolean reachable(int access) {
            return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
        }
    }
}
