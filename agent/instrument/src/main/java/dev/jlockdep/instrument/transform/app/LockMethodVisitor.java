package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.core.Site;
import dev.jlockdep.core.model.ClassKey;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.instrument.hooks.ApiHooks;
import dev.jlockdep.instrument.hooks.HookRef;
import dev.jlockdep.instrument.hooks.LockHooks;
import dev.jlockdep.instrument.hooks.SynchronizedMethods;
import dev.jlockdep.instrument.transform.CatchAllRanges;
import dev.jlockdep.instrument.transform.RewriteContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method so the validator sees its locking:
 * <ul>
 * <li>{@code monitorenter}/{@code monitorexit}: the monitor is passed to {@link LockHooks} just before
 *     (so an order is validated before the thread can block on it), exception paths included;</li>
 * <li>a synchronized method: reshaped, when its class is being loaded, into a block around its body
 *     ({@code monitorenter} on {@code this} or the class, and {@code monitorexit} before every return and
 *     in a catch-all handler that rethrows, as javac writes a synchronized block), so that its monitor
 *     too is validated before the thread can block on it; where the class is loaded already (the JDK's,
 *     or any at attach) its modifiers cannot change, and hooks at entry and exit record the monitor the
 *     JVM took. Likewise a method annotated with the api's {@code @MemallocScope}, whose hooks enter
 *     and leave the scope around the monitor's;</li>
 * <li>{@code java.util.concurrent} lock, condition and {@code Object.wait} call sites, as {@link CallSiteRewrites}
 *     says (see there);</li>
 * <li>a new lock (a {@code Lock}, {@code ReadWriteLock} or {@code StampedLock}, subclasses included; and
 *     a new {@code Object}, JDK synchronized collection or {@code Collections.synchronized*} wrapper
 *     stored straight into a field): bound at once to the field it is stored in, or to its allocation site.</li>
 * </ul>
 * Each place gets a site id (class, method, file, line, and the field the lock was read from when the
 * preceding instruction shows it) that the hook passes on, so no stack is walked on the hot path.
 */
final class LockMethodVisitor extends MethodVisitor {
    /** Stack slots the inserted code needs at most beyond the method's own. */
    private static final int EXTRA_STACK = 4;
    /** The hooks of untimed waits, whose place in a loop or not matters (see {@link WaitLoops}). */
    private static final Set<HookRef> UNTIMED_WAITS = Set.of(LockHooks.WAIT, LockHooks.AWAIT,
            LockHooks.AWAIT_UNINTERRUPTIBLY);
    static final String MEMALLOC_SCOPE = "Ldev/jlockdep/api/kernel/MemallocScope;";
    static final String LOCK_PRIMITIVE = "Ldev/jlockdep/api/LockPrimitive;";

    private final LockClassVisitor cls;
    private final String methodName;
    private final String descriptor;
    private final boolean isStatic;
    private final boolean instrumentSynchronized;
    /**
     * The method's monitor is taken and released here ({@code ACC_SYNCHRONIZED} was removed), not by the
     * JVM: -1 if not, 0 for {@code this}, for a static method the new local that holds its class. The JIT
     * compiles a method only if it can match each {@code monitorexit} to its {@code monitorenter}, which
     * it does through locals: two {@code ldc}s of the class would be two objects to it.
     */
    private final int monitorLocal;
    /** The bits of the method's {@code @MemallocScope}, or 0. */
    private int memallocScope;
    /** Whether the body is wrapped in entry and exit hooks (synchronized, or a memalloc scope). */
    private boolean wrapped;
    /** Annotated {@code @LockPrimitive} (or in such a class): its sites stand for its caller's. */
    private boolean primitive;

    private int line = -1;
    /** The untimed waits of the method, and whether each is in a loop. */
    /** Only in classes that wait: the labels of every other method would be recorded for nothing. */
    private final WaitLoops waitLoops;
    /** The reference field read by the last instruction (kept across dup/astore and view getters). */
    private String hintOwner;
    private String hintName;
    /** Whether the last instruction loaded 'this' (kept, as the field hint, across dup and astore; not across a getter). */
    private boolean hintThis;
    /** The line of a wrapper-like object just constructed, whose store into a field is next; else -1. */
    private int constructionLine = -1;
    /** Whether the code so far stores into slot 0, or a frame drops it: it then may not hold 'this' (see thisLost). */
    private boolean thisOverwritten;
    /** How many locals the latest frame keeps (a long counts one), starting with the arguments. */
    private int frameLocals;
    /** Whether a construction's maker was passed as 'this' (slot 0): a later store into it needs a second rewrite. */
    private boolean passesThis;
    /** The id of that construction (see {@code SiteRegistry.newConstruction}). */
    private int construction;
    /** A lock just constructed, still on top of the stack, not yet bound (see {@link #bindAllocation}). */
    private boolean allocationPending;
    private boolean allocationNeedsField;
    /** Types of the NEW instructions whose constructor call has not come yet, innermost first. */
    private final ArrayDeque<String> pendingNews = new ArrayDeque<>(2); // rarely deeper: a deque's default holds 16
    private int syncSite;
    private Label syncStart;
    /**
     * In a reshaped method, the code the catch-all covers: from the monitor's entry to each return's
     * {@code monitorexit}, and on after the return. The JIT refuses an exception edge from code that has
     * released the monitor (the return itself) to a handler that still holds it, as javac never writes one.
     */
    private final List<Label> covered = new ArrayList<>();
    private final CatchAllRanges catchAll = new CatchAllRanges();
    /** The entry hook; it gets the method's first line, so stacks through it show one. */
    private Label syncEntry;

    LockMethodVisitor(MethodVisitor mv, LockClassVisitor cls, int access, String name, String descriptor,
                      boolean instrumentSynchronized, int monitorLocal) {
        super(RewriteContext.ASM_API, mv);
        this.monitorLocal = monitorLocal;
        this.cls = cls;
        this.methodName = name;
        this.descriptor = descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.frameLocals = Type.getArgumentCount(descriptor) + (isStatic ? 0 : 1);
        this.instrumentSynchronized = instrumentSynchronized;
        this.waitLoops = cls.waitsOrNotifies() ? new WaitLoops() : null;
    }

    // --- synchronized methods and memalloc scopes ----------------------------------------------------

    /** Annotations come before the code, so the scope is known when the body starts. */
    @Override
    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
        AnnotationVisitor av = super.visitAnnotation(annotation, visible);
        if (annotation.equals(LOCK_PRIMITIVE)) {
            primitive = true;
        }
        if (!annotation.equals(MEMALLOC_SCOPE) || methodName.equals("<init>")) {
            return av;
        }
        return new AnnotationVisitor(RewriteContext.ASM_API, av) {
            @Override
            public void visit(String key, Object value) {
                if (key.equals("value") && value instanceof Integer bits) {
                    memallocScope = bits;
                }
                super.visit(key, value);
            }
        };
    }

    @Override
    public void visitCode() {
        super.visitCode();
        primitive |= cls.primitive() || cls.isWrapperPrimitive(methodName, descriptor);
        if (primitive) {
            cls.sites().markPrimitive(cls.owner().replace('/', '.'), methodName);
        }
        wrapped = instrumentSynchronized || memallocScope != 0;
        if (memallocScope != 0) {
            pushInt(memallocScope);
            hook(ApiHooks.MEMALLOC_ENTER);
        }
        if (instrumentSynchronized) {
            syncSite = site(null, null, false);
            syncEntry = new Label();
            super.visitLabel(syncEntry);
            if (inLocal()) {
                super.visitLdcInsn(Type.getObjectType(cls.owner()));
                super.visitVarInsn(Opcodes.ASTORE, monitorLocal);
            }
            pushMonitorOfMethod();
            if (reshaped()) {
                super.visitInsn(Opcodes.DUP);
            }
            pushInt(syncSite);
            hook(monitorEnter());
            if (reshaped()) {
                super.visitInsn(Opcodes.MONITORENTER);
            }
        }
        if (wrapped) {
            syncStart = new Label();
            super.visitLabel(syncStart);
            covered.add(syncStart);
        }
    }

    /** The hook before a monitor is entered: in a class that waits or notifies, the one that says so. */
    private HookRef monitorEnter() {
        return cls.waitsOrNotifies() ? LockHooks.MONITOR_ENTER_SECTION : LockHooks.MONITOR_ENTER;
    }

    private boolean reshaped() {
        return monitorLocal >= 0;
    }

    /** A reshaped static method: its class is kept in {@link #monitorLocal}. */
    private boolean inLocal() {
        return isStatic && monitorLocal >= 0;
    }

    /**
     * What every exit of a wrapped method runs: the monitor first, then the scope; in a reshaped method
     * the scope first, so that nothing after the {@code monitorexit} can throw into the handler, which
     * would release the monitor twice (releasing the scope orders nothing, so the order is free).
     */
    private void exitHooks() {
        if (memallocScope != 0 && reshaped()) {
            hook(ApiHooks.MEMALLOC_EXIT);
        }
        if (instrumentSynchronized) {
            pushMonitorOfMethod();
            pushInt(syncSite);
            hook(LockHooks.MONITOR_EXIT);
            if (reshaped()) {
                pushMonitorOfMethod();
                super.visitInsn(Opcodes.MONITOREXIT);
            }
        }
        if (memallocScope != 0 && !reshaped()) {
            hook(ApiHooks.MEMALLOC_EXIT);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        bindAllocation(null, null);
        if (wrapped) {
            // The catch-all is registered last, so the method's own handlers keep precedence over it.
            Label handler = new Label();
            super.visitLabel(handler);
            if (reshaped()) {
                covered.add(handler);
                for (int i = 0; i + 1 < covered.size(); i += 2) {
                    if (!isEmpty(covered.get(i), covered.get(i + 1))) {
                        super.visitTryCatchBlock(covered.get(i), covered.get(i + 1), handler, null);
                    }
                }
            } else {
                super.visitTryCatchBlock(syncStart, handler, handler, null);
            }
            handlerFrame();
            exitHooks();
            if (reshaped()) {
                // The hooks' handler releases the monitor only. As javac writes it, that handler covers
                // its own monitorexit (no path leaves the monitor held) and holds nothing that can throw
                // (the JIT gives up on a handler that can throw into itself).
                Label released = new Label();
                super.visitLabel(released);
                super.visitInsn(Opcodes.ATHROW);
                Label release = new Label();
                super.visitLabel(release);
                handlerFrame();
                pushMonitorOfMethod();
                super.visitInsn(Opcodes.MONITOREXIT);
                Label end = new Label();
                super.visitLabel(end);
                super.visitTryCatchBlock(handler, released, release, null);
                super.visitTryCatchBlock(release, end, release, null);
            }
            super.visitInsn(Opcodes.ATHROW);
        }
        super.visitMaxs(maxStack + EXTRA_STACK, inLocal() ? Math.max(maxLocals, monitorLocal + 1) : maxLocals);
    }

    /**
     * Whether nothing lies between two labels (a return that ends the method leaves an empty range,
     * which a class file may not hold). Called once the end is visited, when the writer knows both.
     */
    private static boolean isEmpty(Label start, Label end) {
        try {
            return start.getOffset() == end.getOffset();
        } catch (IllegalStateException notWrittenYet) {
            return false; // a visitor other than the class writer: nothing to compare, keep the range
        }
    }

    private void handlerFrame() {
        if (cls.writesFrames()) {
            super.visitFrame(Opcodes.F_NEW, handlerLocals().length, handlerLocals(), 1,
                    new Object[] {"java/lang/Throwable"});
        }
    }

    private Object[] handlerLocals() {
        if (!isStatic) {
            return new Object[] {cls.owner()};
        }
        return inLocal() ? withMonitorLocal(0, new Object[0]) : new Object[0];
    }

    /** A frame's locals with the static method's class added in its slot, the slots before it padded. */
    private Object[] withMonitorLocal(int count, Object[] locals) {
        int slots = 0;
        for (int i = 0; i < count; i++) {
            slots += locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        Object[] result = new Object[count + (monitorLocal - slots) + 1];
        System.arraycopy(locals, 0, result, 0, count);
        for (int i = count; i < result.length - 1; i++) {
            result[i] = Opcodes.TOP;
        }
        result[result.length - 1] = "java/lang/Class";
        return result;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        noteFrameLocals(type, numLocal, local);
        if (inLocal() && type == Opcodes.F_NEW) {
            Object[] locals = withMonitorLocal(numLocal, local);
            super.visitFrame(type, locals.length, locals, numStack, stack);
        } else {
            super.visitFrame(type, numLocal, local, numStack, stack);
        }
    }

    private void pushMonitorOfMethod() {
        if (inLocal()) {
            super.visitVarInsn(Opcodes.ALOAD, monitorLocal);
        } else if (isStatic) {
            super.visitLdcInsn(Type.getObjectType(cls.owner()));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        if (this.line < 0 && instrumentSynchronized) {
            cls.sites().update(Math.abs(syncSite), new Site(frame(line), null, null, false));
            super.visitLineNumber(line, syncEntry);
        }
        this.line = line;
        super.visitLineNumber(line, start);
    }

    // --- instructions ------------------------------------------------------------------------------

    @Override
    public void visitInsn(int opcode) {
        bindAllocation(null, null);
        switch (opcode) {
            case Opcodes.MONITORENTER -> {
                if (hintThis && reshaped()) {
                    // A block on 'this' inside the method's own monitor, once that is a block too: the JIT
                    // gives up on a monitor taken twice through the same local ("invalid parsing"), and the
                    // method would never be compiled. It keeps its synchronized modifier instead.
                    cls.markUnreshapable(methodName + descriptor);
                }
                super.visitInsn(Opcodes.DUP);
                pushInt(site(hintOwner, hintName, false));
                hook(monitorEnter());
            }
            case Opcodes.MONITOREXIT -> {
                int site = site(null, null, false);
                catchAll.monitorExit(mv, () -> {
                    pushInt(site);
                    hook(LockHooks.MONITOR_EXIT);
                });
                clearHint();
                return;
            }
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN,
                 Opcodes.RETURN -> {
                if (wrapped) {
                    exitHooks();
                }
                if (opcode == Opcodes.RETURN && tellsConstruction()) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    hook(LockHooks.CONSTRUCTED);
                }
                if (reshaped()) {
                    Label released = new Label();
                    super.visitLabel(released);
                    covered.add(released);
                    super.visitInsn(opcode);
                    Label after = new Label();
                    super.visitLabel(after);
                    covered.add(after);
                    clearHint();
                    return;
                }
            }
            default -> {
            }
        }
        if (opcode != Opcodes.DUP) {
            clearHint();
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        bindAllocation(null, null);
        if (var == 0 && opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
            thisLost();
        }
        if (opcode != Opcodes.ASTORE) {
            clearHint();
            hintThis = opcode == Opcodes.ALOAD && var == 0 && !isStatic && !thisOverwritten;
        }
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        hintThis = false;
        boolean reference = desc.startsWith("L") || desc.startsWith("[");
        if (constructionLine >= 0 && (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)) {
            String ownerName = owner.replace('/', '.');
            String key = ClassKey.field(ownerName, name);
            String printed = ownerName.substring(ownerName.lastIndexOf('.') + 1) + "." + name;
            cls.sites().registerConstruction(frame(constructionLine), key, printed);
            cls.sites().registerConstruction(construction, key, printed);
        }
        constructionLine = -1;
        if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
            bindAllocation(reference ? owner : null, name);
        } else {
            bindAllocation(null, null);
        }
        super.visitFieldInsn(opcode, owner, name, desc);
        if ((opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) && reference) {
            hintOwner = owner;
            hintName = name;
        } else {
            clearHint();
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        bindAllocation(null, null);
        clearHint();
        if (opcode == Opcodes.NEW) {
            pendingNews.push(type);
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        hintThis = false;
        bindAllocation(null, null);
        if (cls.rewritesCallSites()) {
            if (!primitive && opcode != Opcodes.INVOKESTATIC && !name.equals("<init>")
                    && cls.callsWrapperPrimitive(owner, name, desc)) {
                // A wrapper's primitive (AutoLock.lock(), H2's Session.lock()): the lock operation inside
                // is recorded here. The call may still be rewritten below (a lock() on a maybe-lock).
                pushInt(site(null, null, false));
                hook(LockHooks.CALLING_PRIMITIVE);
            }
            if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && owner.equals(pendingNews.peek())) {
                // The constructor of a NEW (not a super() or this() call, which leaves nothing on the stack).
                pendingNews.pop();
                boolean plainObject = owner.equals("java/lang/Object");
                if (!plainObject && !cls.isLockType(owner)) {
                    clearHint();
                    if (cls.keepsALock(owner)) {
                        // Maybe a lock wrapper: the field it goes into names its lock. The construction is
                        // announced around the call, so that the lock's binding need not walk the stack.
                        // Its maker, 'this' here, names it when it goes into no field (see MakerRoles).
                        construction = cls.sites().newConstruction(owner.replace('/', '.'));
                        pushInt(construction);
                        pushMaker();
                        hook(LockHooks.CONSTRUCTING);
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                        pushInt(0);
                        super.visitInsn(Opcodes.ACONST_NULL);
                        hook(LockHooks.CONSTRUCTING);
                        constructionLine = line;
                    } else {
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                    }
                    return;
                }
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                // The new object is on top of the stack now; bind it once the next instruction shows
                // whether it goes into a field. A plain Object is only worth binding when it does.
                allocationPending = true;
                // A plain Object or a JDK collection is only worth binding when a field names it.
                allocationNeedsField = plainObject || cls.isMonitorCollection(owner);
                clearHint();
                return;
            }
            CallSiteRewrites.Rewrite rewrite = CallSiteRewrites.find(opcode, owner, name, desc, cls.lockTest);
            if (rewrite != null && cls.waitsOrNotifies()) {
                rewrite = CallSiteRewrites.inSections(rewrite);
            }
            if (rewrite != null) {
                emit(rewrite, opcode, owner, name, desc, itf);
                clearHint();
                return;
            }
            if (CallSiteRewrites.makesSynchronizedWrapper(owner, name, desc)) {
                // Collections.synchronizedMap(...): a monitor of its own, named after the field it goes into.
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                allocationPending = true;
                allocationNeedsField = true;
                clearHint();
                return;
            }
            if (CallSiteRewrites.isNewCondition(owner, name, desc) || CallSiteRewrites.makesThread(owner, name, desc)) {
                // A condition made by its lock, a thread by a factory: bound, like a new lock, to where it is stored.
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                allocationPending = true;
                allocationNeedsField = false;
                clearHint();
                return;
            }
            if (CallSiteRewrites.isLockView(owner, name, desc)) {
                // rw.readLock().lock(): the lock is still the one read from the field before.
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                return;
            }
        }
        clearHint();
        checkSynchronizedCall(opcode, owner, name, desc);
        super.visitMethodInsn(opcode, owner, name, desc, itf);
    }

    /**
     * Before a call of a JDK synchronized method (a class loaded before the agent, which cannot be
     * reshaped), its receiver's monitor is validated: on {@code Vector}, {@code Hashtable},
     * {@code StringBuffer}, {@code Observable} by the call's static type, and inside those classes also
     * through an interface ({@code Hashtable.equals} calls {@code t.size()}), by the receiver's class.
     * The receiver is copied from under at most two arguments; a call with more is recorded after, as before.
     */
    private void checkSynchronizedCall(int opcode, String owner, String name, String desc) {
        boolean known = opcode == Opcodes.INVOKEVIRTUAL && SynchronizedMethods.declares(owner)
                && SynchronizedMethods.isSynchronized(owner, name + desc);
        boolean maybe = !known && opcode == Opcodes.INVOKEINTERFACE && !cls.rewritesCallSites()
                && owner.startsWith("java/");
        if ((!known && !maybe) || !copyReceiver(desc)) {
            return;
        }
        if (known) {
            pushInt(site(null, null, false));
            hook(LockHooks.SYNCHRONIZED_CALL);
        } else {
            pushInt(SynchronizedMethods.number(name + desc));
            pushInt(site(null, null, false));
            hook(LockHooks.MAYBE_SYNCHRONIZED_CALL);
        }
    }

    /** Puts a copy of a call's receiver on top of its arguments, if they are few enough; else false. */
    private boolean copyReceiver(String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        int size = 0;
        for (Type a : args) {
            size += a.getSize();
        }
        if (size == 0) {
            super.visitInsn(Opcodes.DUP);
        } else if (size == 1) {
            super.visitInsn(Opcodes.SWAP); // [r, a] -> [a, r] -> [r, a, r]
            super.visitInsn(Opcodes.DUP_X1);
        } else if (size == 2) {
            super.visitInsn(Opcodes.DUP2_X1); // [r, a, b] or [r, j] -> [a, b, r, a, b] -> [a, b, r] -> [r, a, b, r]
            super.visitInsn(Opcodes.POP2);
            super.visitInsn(Opcodes.DUP_X2);
        } else {
            return false;
        }
        return true;
    }

    private void emit(CallSiteRewrites.Rewrite r, int opcode, String owner, String name, String desc, boolean itf) {
        switch (r.kind()) {
            case BEFORE -> {
                super.visitInsn(Opcodes.DUP);
                pushInt(site(hintOwner, hintName, false));
                hook(r.hook());
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
            case AFTER -> {
                // [lock] -> dup -> [lock, lock] -> call -> [lock, result] -> hook(lock, result, site) -> [result]
                int site = site(hintOwner, hintName, false);
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                pushInt(site);
                hook(r.hook());
            }
            case WRAP_ARGUMENT -> {
                // [receiver, arg] -> dup2 -> hook(receiver, arg, site) -> [receiver, arg, wrapped] -> swap, pop
                super.visitInsn(Opcodes.DUP2);
                pushInt(site(hintOwner, hintName, false));
                hook(r.hook());
                super.visitInsn(Opcodes.SWAP);
                super.visitInsn(Opcodes.POP);
                super.visitTypeInsn(Opcodes.CHECKCAST, r.castTo());
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
            case REPLACE -> {
                // The hook takes the receiver and the arguments already on the stack, plus the site.
                int site = site(hintOwner, hintName, false);
                if (UNTIMED_WAITS.contains(r.hook())) { // the class waits, so it has its WaitLoops
                    waitLoops.waitAt(site);
                }
                pushInt(site);
                hook(r.hook());
            }
        }
        cls.markChanged();
    }

    /**
     * Binds a just-constructed lock: {@code fieldOwner}/{@code fieldName} name the field the next
     * instruction stores it into, or are null when it goes elsewhere.
     */
    private void bindAllocation(String fieldOwner, String fieldName) {
        if (fieldOwner == null && fieldName == null) {
            constructionLine = -1;
        }
        if (!allocationPending) {
            return;
        }
        allocationPending = false;
        if (fieldOwner == null && allocationNeedsField) {
            return;
        }
        super.visitInsn(Opcodes.DUP);
        pushInt(site(fieldOwner, fieldName, true));
        hook(LockHooks.CREATED);
    }

    // Every other instruction ends a pending allocation and the field hint.

    @Override
    public void visitIntInsn(int opcode, int operand) {
        bindAllocation(null, null);
        clearHint();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... bsmArgs) {
        bindAllocation(null, null);
        clearHint();
        super.visitInvokeDynamicInsn(name, desc, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        bindAllocation(null, null);
        clearHint();
        if (waitLoops != null) {
            waitLoops.jump(label, cls.sites());
        }
        super.visitJumpInsn(opcode, label);
    }

    /** A catch-all range ends where {@link CatchAllRanges} says, so that a monitor's handler stays compilable. */
    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        super.visitTryCatchBlock(start, catchAll.end(start, end, handler, type), handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        bindAllocation(null, null);
        catchAll.reached(label, mv);
        if (waitLoops != null) {
            waitLoops.label(label);
        }
        super.visitLabel(label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        bindAllocation(null, null);
        clearHint();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        bindAllocation(null, null);
        clearHint();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        bindAllocation(null, null);
        clearHint();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        bindAllocation(null, null);
        clearHint();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        bindAllocation(null, null);
        clearHint();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    // --- helpers -----------------------------------------------------------------------------------

    /**
     * Follows how many locals the frames keep, and whether slot 0 still holds 'this': a frame may drop it
     * as dead (as TOP, or chopped off) where the code no longer reads it, and the verifier then refuses a
     * load of it. A constructor's 'this' before its super() call is still 'this'.
     */
    private void noteFrameLocals(int type, int numLocal, Object[] local) {
        switch (type) {
            case Opcodes.F_NEW, Opcodes.F_FULL -> {
                frameLocals = numLocal;
                if (numLocal == 0 || local[0] != Opcodes.UNINITIALIZED_THIS && !cls.owner().equals(local[0])) {
                    thisLost();
                }
            }
            case Opcodes.F_APPEND -> frameLocals += numLocal;
            case Opcodes.F_CHOP -> {
                frameLocals -= numLocal;
                if (frameLocals <= 0) {
                    thisLost();
                }
            }
            default -> {
            }
        }
    }

    /**
     * Slot 0 may no longer hold 'this' from here on (a store into it, or a frame that drops it): no maker is
     * loaded from it after this point, and a method whose rewrite reloads it elsewhere (a synchronized
     * method's or a constructor's exit handler, a maker passed earlier) is rewritten again and left alone.
     */
    private void thisLost() {
        if (isStatic) {
            return;
        }
        thisOverwritten = true;
        if (instrumentSynchronized || tellsConstruction() || passesThis) {
            cls.markUnsafe(methodName + descriptor);
        }
    }

    /**
     * Pushes the object whose code this is, for a construction's maker: 'this' in an instance method
     * (not in a constructor, where it may not be initialized yet, nor where slot 0 is overwritten); else null.
     */
    private void pushMaker() {
        if (isStatic || methodName.equals("<init>") || thisOverwritten || cls.leavesAlone(methodName + descriptor)) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            passesThis = true;
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    private void clearHint() {
        hintOwner = null;
        hintName = null;
        hintThis = false;
    }

    private boolean tellsConstruction() {
        return methodName.equals("<init>") && cls.tellsConstruction(methodName + descriptor);
    }

    private void hook(HookRef hook) {
        cls.context().call(mv, hook);
        cls.markChanged();
    }

    private int site(String fieldOwner, String fieldName, boolean allocation) {
        String key = null;
        String name = null;
        boolean namedByField = false;
        // Inside the JDK a field says nothing useful ("SynchronizedCollection.mutex"): the runtime class does.
        if (fieldOwner != null && cls.rewritesCallSites()) {
            String explicit = cls.lockName(fieldOwner, fieldName);
            if (explicit != null) {
                key = ClassKey.named(explicit);
                name = explicit;
            } else {
                String ownerName = fieldOwner.replace('/', '.');
                key = ClassKey.field(ownerName, fieldName);
                name = ownerName.substring(ownerName.lastIndexOf('.') + 1) + "." + fieldName;
                namedByField = true;
            }
        }
        // A lock an object makes for itself, named by its own field: after its maker, or, for a wrapper,
        // after the field the wrapper goes into.
        boolean owned = namedByField && allocation && methodName.equals("<init>") && cls.owner().equals(fieldOwner);
        boolean byOwner = owned && cls.wraps(fieldName);
        int id = cls.sites().register(new Site(frame(line), key, name, allocation, byOwner, owned));
        return primitive ? -id : id;
    }

    private Frame frame(int atLine) {
        return new Frame(cls.owner().replace('/', '.'), methodName, cls.sourceFile(), atLine);
    }

    private void pushInt(int value) {
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }
}
