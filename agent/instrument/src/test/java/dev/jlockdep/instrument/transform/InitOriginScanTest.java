package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.instrument.boot.BootstrapBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who can begin a class first, read from jars: the test programs' ClassInitUnit, whose subclass
 * ClassInitOne only a builder of its own makes, against ClassInit's Square, which main makes too; the
 * same package with one more class that makes a ClassInitOne, in the jar or in a later release's
 * directory of a multi-release jar; and a class whose class file its loader cannot show.
 */
class InitOriginScanTest {
    private static final String PACKAGE = "dev/jlockdep/it/";
    private static final String GENERATED = "dev/jlockdep/generated/";
    private static final List<String> PROGRAM = List.of("ClassInit", "ClassInit$Shape", "ClassInit$Square",
            "ClassInitUnit", "ClassInitUnit$Builder", "ClassInitOne");

    @TempDir
    Path dir;

    @Test
    void aSubclassOnlyItsSuperMakesIsBegunOnlyAfterIt() throws Exception {
        try (URLClassLoader loader = jar("plain.jar", Map.of())) {
            assertEquals(List.of(true, false), List.of(onlyAfter(loader, "ClassInitOne", "ClassInitUnit"),
                    onlyAfter(loader, "ClassInit$Square", "ClassInit$Shape")));
        }
    }

    @Test
    void anotherClassOfThePackageThatMakesItMayBeginItFirst() throws Exception {
        try (URLClassLoader loader = jar("maker.jar", Map.of(PACKAGE + "Maker.class", maker()))) {
            assertEquals(false, onlyAfter(loader, "ClassInitOne", "ClassInitUnit"));
        }
    }

    @Test
    void soDoesOneInALaterReleaseOfAMultiReleaseJar() throws Exception {
        try (URLClassLoader loader = jar("release.jar", Map.of("META-INF/versions/11/" + PACKAGE + "Maker.class", maker()))) {
            assertEquals(false, onlyAfter(loader, "ClassInitOne", "ClassInitUnit"));
        }
    }

    @Test
    void aClassWhoseClassFileCannotBeFoundMayBeBegunFirst() throws Exception {
        try (URLClassLoader jar = jar("hidden.jar", Map.of())) {
            ClassLoader hiding = new ClassLoader(null) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    try (InputStream in = jar.getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] file = in.readAllBytes();
                        return defineClass(name, file, 0, file.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }

                @Override
                public URL getResource(String name) {
                    return null;
                }
            };
            assertEquals(false, onlyAfter(hiding, "ClassInitOne", "ClassInitUnit"));
        }
    }

    /**
     * A public class whose superclass is the subclass begins that subclass before the super (JVMS 5.5
     * steps 6 and 7), though the super is among its supertypes: {@code P extends Sub extends S}.
     */
    @Test
    void aClassThatExtendsTheSubclassBeginsItBeforeTheSuper() throws Exception {
        Map<String, byte[]> shapes = new HashMap<>(Map.of(GENERATED + "S.class", generated("S", "java/lang/Object",
                Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "Sub"), GENERATED + "Sub.class", generated("Sub", GENERATED + "S", 0, null)));
        try (URLClassLoader without = jarOf("shapes.jar", shapes)) {
            assertEquals(true, onlyAfter(without, GENERATED, "Sub", "S"), "only S makes Sub");
        }
        shapes.put(GENERATED + "P.class", generated("P", GENERATED + "Sub", Opcodes.ACC_PUBLIC, null));
        try (URLClassLoader with = jarOf("shapes-p.jar", shapes)) {
            assertEquals(false, onlyAfter(with, GENERATED, "Sub", "S"));
        }
    }

    /**
     * A class of the same package in another class path entry (a test's {@code test-classes} beside
     * {@code classes}) is not read, so the package's split answers no: it may begin the subclass first.
     */
    @Test
    void aPackageSplitOverTwoDirectoriesMayBeBegunFirst() throws Exception {
        Path classes = write(dir.resolve("classes"), Map.of(GENERATED + "S.class", generated("S", "java/lang/Object",
                Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "Sub"), GENERATED + "Sub.class", generated("Sub", GENERATED + "S", 0, null)));
        Path testClasses = write(dir.resolve("test-classes"), Map.of(GENERATED + "Other.class",
                generated("Other", "java/lang/Object", Opcodes.ACC_PUBLIC, "Sub")));
        try (URLClassLoader alone = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(true, onlyAfter(alone, GENERATED, "Sub", "S"), "only S makes Sub");
        }
        try (URLClassLoader split = new URLClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertEquals(false, onlyAfter(split, GENERATED, "Sub", "S"));
        }
    }

    private static Path write(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        return root;
    }

    /**
     * {@code class NAME extends SUPER { NAME() {} }}, with {@code access}; with {@code makes}, a static
     * initializer that makes one of that class of the package.
     */
    private static byte[] generated(String name, String superName, int access, String makes) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V11, access | Opcodes.ACC_SUPER, GENERATED + name, null, superName, null);
        BootstrapBridge.defaultConstructor(w, superName);
        if (makes != null) {
            w.visitField(Opcodes.ACC_STATIC, "DEFAULT", "Ljava/lang/Object;", null, null).visitEnd();
            MethodVisitor clinit = w.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.visitCode();
            clinit.visitTypeInsn(Opcodes.NEW, GENERATED + makes);
            clinit.visitInsn(Opcodes.DUP);
            clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, GENERATED + makes, "<init>", "()V", false);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, GENERATED + name, "DEFAULT", "Ljava/lang/Object;");
            clinit.visitInsn(Opcodes.RETURN);
            clinit.visitMaxs(0, 0);
            clinit.visitEnd();
        }
        w.visitEnd();
        return w.toByteArray();
    }

    private static boolean onlyAfter(ClassLoader loader, String c, String s) throws ClassNotFoundException {
        return onlyAfter(loader, PACKAGE, c, s);
    }

    private static boolean onlyAfter(ClassLoader loader, String pkg, String c, String s) throws ClassNotFoundException {
        String dotted = pkg.replace('/', '.');
        return new InitOriginScan().onlyAfter(Class.forName(dotted + c, false, loader), Class.forName(dotted + s, false, loader));
    }

    /** A jar of these entries, loaded by a loader of its own. */
    private URLClassLoader jarOf(String name, Map<String, byte[]> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** A jar of the program's classes and {@code more}, multi-release, loaded by a loader of its own. */
    private URLClassLoader jar(String name, Map<String, byte[]> more) throws IOException {
        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String c : PROGRAM) {
                String entry = PACKAGE + c + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = InitOriginScanTest.class.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
            for (Map.Entry<String, byte[]> e : more.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** {@code public class Maker { public static Object make() { return new ClassInitOne(); } }} */
    private static byte[] maker() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, PACKAGE + "Maker", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        m.visitCode();
        m.visitTypeInsn(Opcodes.NEW, PACKAGE + "ClassInitOne");
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, PACKAGE + "ClassInitOne", "<init>", "()V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
