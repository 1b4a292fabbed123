package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.instrument.boot.InstanceFields;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** Hands each method of a class to a {@link LockMethodVisitor}, with what it needs to know of the class. */
final class LockClassVisitor extends ClassVisitor {

    private final ClassWriter writer;
    private final boolean callSites;
    private final RewriteContext context;
    private final NotReshaped notReshaped;
    /** The class is being loaded, so its synchronized methods may be reshaped (see {@link LockMethodVisitor}). */
    private final boolean reshape;
    /** For each static synchronized method (name and descriptor), its locals before the rewrite. */
    private final Map<String, Integer> staticSynchronizedLocals;
    private final Set<String> unsafeSynchronizedMethods = new HashSet<>();
    private final Set<String> unreshapable = new HashSet<>();
    /** Fields of this class annotated with the api's {@code @LockName}, and their names. */
    private final Map<String, String> lockNames = new HashMap<>();
    private String owner;
    private String sourceFile;
    /** The class is annotated {@code @LockPrimitive}: all its methods are. */
    private boolean primitive;
    private int version;
    private boolean changed;
    /** Whether the class gets the field of {@link InstanceFields}. */
    private boolean keepsInstanceField;

    private final ClassLoader loader;

    private final WrapperScan wrappers;
    private final WrapperScans wrapperScans;
    /** The class calls wait or notify: its critical sections are told to the validator as such. */
    private final boolean waitsOrNotifies;
    /** The class declares synchronized instance methods: its constructors tell the objects they make. */
    private final boolean synchronizedMethods;

    LockClassVisitor(ClassWriter writer, boolean callSites, RewriteContext context, ClassLoader loader,
                     WrapperScan wrappers, WrapperScans wrapperScans, boolean waitsOrNotifies,
                     boolean synchronizedMethods, NotReshaped notReshaped, boolean reshape, Map<String, Integer> staticSynchronizedLocals) {
        super(RewriteContext.ASM_API, writer);
        this.reshape = reshape;
        this.staticSynchronizedLocals = staticSynchronizedLocals;
        this.loader = loader;
        this.wrappers = wrappers;
        this.wrapperScans = wrapperScans;
        this.waitsOrNotifies = waitsOrNotifies;
        this.synchronizedMethods = synchronizedMethods;
        this.writer = writer;
        this.callSites = callSites;
        this.context = context;
        this.notReshaped = notReshaped;
    }

    /**
     * The synchronized methods a second rewrite of the class does not reshape (see {@link #markUnsafe},
     * {@link #markUnreshapable}): those left alone, and those kept synchronized, validated once entered.
     */
    record NotReshaped(Set<String> leftAlone, Set<String> keptSynchronized) {
        static final NotReshaped NONE = new NotReshaped(Set.of(), Set.of());
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.version = version & 0xFFFF;
        this.owner = name;
        // Class files before Java 5 may name fields only as Java source would: the field's name is not one.
        keepsInstanceField = callSites && reshape && this.version >= Opcodes.V1_5
                && InstanceFields.declaredBelow(superName)
                && (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) == 0
                && !"java/lang/Record".equals(superName);
        super.visit(version, access, name, signature, superName, interfaces);
    }

    /**
     * A class of the application's, rewritten as it loads (a loaded class cannot get a field), gets the
     * field that keeps the validator's entry of each of its objects (see {@link InstanceFields}) if its
     * superclass is the JDK's (its subclasses use that one); the field also tells a retransformation that
     * the class was rewritten as it loaded. Not an interface (no objects of its own) nor a record (whose
     * fields are its components).
     */
    @Override
    public void visitEnd() {
        if (keepsInstanceField) {
            super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    InstanceFields.NAME,
                    InstanceFields.DESCRIPTOR, null, null).visitEnd();
            changed = true;
        }
        super.visitEnd();
    }

    @Override
    public void visitSource(String source, String debug) {
        this.sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
        if (annotation.equals(LockMethodVisitor.LOCK_PRIMITIVE)) {
            primitive = true;
        }
        return super.visitAnnotation(annotation, visible);
    }

    boolean primitive() {
        return primitive;
    }

    /** Fields come before methods in a class file, so every method sees the class's {@code @LockName}s. */
    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if (name.equals(InstanceFields.NAME)) {
            keepsInstanceField = false; // it has it already
        }
        FieldVisitor fv = super.visitField(access, name, descriptor, signature, value);
        return new FieldVisitor(RewriteContext.ASM_API, fv) {
            @Override
            public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                AnnotationVisitor av = super.visitAnnotation(annotation, visible);
                if (!annotation.equals("Ldev/jlockdep/api/LockName;")) {
                    return av;
                }
                return new AnnotationVisitor(RewriteContext.ASM_API, av) {
                    @Override
                    public void visit(String key, Object v) {
                        if (key.equals("value") && v instanceof String lockName) {
                            lockNames.put(name, lockName);
                        }
                        super.visit(key, v);
                    }
                };
            }
        };
    }

    /** The {@code @LockName} of a field of this class, or null. */
    String lockName(String fieldOwner, String fieldName) {
        return fieldOwner.equals(owner) ? lockNames.get(fieldName) : null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        boolean instrumentSynchronized = (access & Opcodes.ACC_SYNCHRONIZED) != 0
                && !notReshaped.leftAlone().contains(name + descriptor)
                // a static synchronized method's monitor is a class constant, which needs class files from Java 5 on
                && (!isStatic || version >= Opcodes.V1_5);
        int monitorLocal = -1;
        if (instrumentSynchronized && reshape && !notReshaped.keptSynchronized().contains(name + descriptor)) {
            Integer locals = isStatic ? staticSynchronizedLocals.get(name + descriptor) : Integer.valueOf(0);
            monitorLocal = locals == null ? -1 : locals;
        }
        int written = monitorLocal >= 0 ? access & ~Opcodes.ACC_SYNCHRONIZED : access;
        MethodVisitor mv = super.visitMethod(written, name, descriptor, signature, exceptions);
        if (mv == null) {
            return null;
        }
        if (followsClassInits()) {
            mv = new ClassInitMethodVisitor(mv, this, name);
        }
        if (written != access) {
            markChanged();
        }
        return new LockMethodVisitor(mv, this, access, name, descriptor, instrumentSynchronized, monitorLocal);
    }

    String owner() {
        return owner;
    }

    String sourceFile() {
        return sourceFile;
    }

    /**
     * Whether class initialization is followed in this class's code: an application class (as its call
     * sites are), unless switched off, from Java 5 on (a class constant names the class to the hooks).
     */
    private boolean followsClassInits() {
        return callSites && context.classInits() && version >= Opcodes.V1_5;
    }

    /** Class files before Java 6 have no stack map frames, so none may be written for them. */
    boolean writesFrames() {
        return version >= Opcodes.V1_6;
    }

    boolean rewritesCallSites() {
        return callSites;
    }

    RewriteContext context() {
        return context;
    }

    SiteRegistry sites() {
        return context.sites();
    }

    /** Whether a class named in bytecode is a {@code Lock} (its {@code lock()} calls are lock calls). */
    boolean isLock(String internalName) {
        return context.lockTypes().isLock(internalName, loader);
    }

    /** {@link #isLock} as the call-site table asks it, made once rather than at each call. */
    final Predicate<String> lockTest = this::isLock;

    /** Whether new instances of this class are locks to bind at allocation. */
    boolean isLockType(String internalName) {
        return context.lockTypes().isLockType(internalName, loader);
    }

    /** Whether a method of this class takes or releases its wrapped lock for its caller (see {@link WrapperScan}). */
    boolean isWrapperPrimitive(String name, String descriptor) {
        return wrappers.isPrimitive(name, descriptor);
    }

    /**
     * Whether a method of another class or of this one, declared there or inherited (H2's
     * {@code SessionLocal} calls its own {@code lock()}, declared in {@code Session}), takes or releases
     * a wrapped lock for its caller: this class's own scan is among {@link WrapperScans}' already.
     */
    boolean callsWrapperPrimitive(String methodOwner, String name, String descriptor) {
        return wrapperScans.isPrimitive(methodOwner, name, descriptor, loader, context.lockTypes());
    }

    /**
     * Whether the class calls wait or notify, or awaits or signals a condition, so that its monitors and
     * locks may be events (see {@code sectionEntered}).
     */
    boolean waitsOrNotifies() {
        return waitsOrNotifies;
    }

    /**
     * Whether this class's constructors tell the validator of each object they make: it declares
     * synchronized instance methods, so its objects are monitors, and one made while another is held may
     * be that one's child (see {@code Validator.constructed}); a constructor that overwrites {@code this}
     * is left alone.
     */
    boolean tellsConstruction(String constructor) {
        return synchronizedMethods && callSites && !notReshaped.leftAlone().contains(constructor);
    }

    /** Whether a field of this class holds the lock it wraps. */
    boolean wraps(String field) {
        return wrappers.wraps(field);
    }

    /** Whether new instances of a class keep a lock of their own in a field: maybe a lock wrapper. */
    boolean keepsALock(String internalName) {
        return context.lockTypes().keepsALock(internalName, loader);
    }

    /** Whether new instances of this class are JDK synchronized collections (bound only into a field). */
    boolean isMonitorCollection(String internalName) {
        return context.lockTypes().isMonitorCollection(internalName, loader);
    }

    void markChanged() {
        changed = true;
    }

    /** A method that overwrites 'this': rewritten a second time without its monitor's hooks. */
    void markUnsafe(String methodNameAndDescriptor) {
        unsafeSynchronizedMethods.add(methodNameAndDescriptor);
    }

    /**
     * A synchronized method that takes 'this' again in a block: reshaped, the JIT would refuse it (a monitor
     * taken twice through values of one local), so the second rewrite keeps it synchronized.
     */
    void markUnreshapable(String methodNameAndDescriptor) {
        unreshapable.add(methodNameAndDescriptor);
    }

    /** Whether a method is rewritten a second time without its monitor's hooks (see {@link #markUnsafe}). */
    boolean leavesAlone(String methodNameAndDescriptor) {
        return notReshaped.leftAlone().contains(methodNameAndDescriptor);
    }

    /** What a second rewrite must not reshape; {@link NotReshaped#NONE} if none is needed. */
    NotReshaped notReshaped() {
        return unsafeSynchronizedMethods.isEmpty() && unreshapable.isEmpty() ? NotReshaped.NONE
                : new NotReshaped(Set.copyOf(unsafeSynchronizedMethods), Set.copyOf(unreshapable));
    }

    boolean changed() {
        return changed;
    }

    byte[] bytes() {
        return writer.toByteArray();
    }
}
