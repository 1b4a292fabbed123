package dev.jlockdep.core;

import dev.jlockdep.core.model.ClassKey;
import dev.jlockdep.core.model.Frame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds lock instances to lock classes on first sight, from the best name available then (lockdep's
 * {@code look_up_lock_class} and {@code register_lock_class}; {@code lockdep_set_class} for explicit
 * names): a field or allocation site, else what {@link LockObjects} says of the object. Keeps the
 * instance tables of locks and of synchronizers' events. Its own lock guards the tables' writes; it is
 * taken before, never inside, the graph lock. An object that keeps its entry in a slot of its own and is
 * named by its runtime class is bound without it ({@link #bindByType}), so that threads binding new
 * objects at once do not queue for one lock.
 */
final class ClassBinder {
    /** Lock instances (and pseudo-locks' maps) to their bindings; lock-free reads. */
    final InstanceTable instances;
    /** Synchronizers (latches, semaphores, conditions, monitors) to the pseudo-lock class of their event. */
    private final InstanceTable events = new InstanceTable(false, InstanceSlots.NONE);
    /** Threads to the pseudo-lock class of their end. */
    private final InstanceTable threadEnds = new InstanceTable(false, InstanceSlots.NONE);
    private final Object bindLock = new Object();
    /** Makers' roles ({@link MakerRoles}) by maker, each asked once; {@link #NO_ROLE} when the code said none. */
    private final IdentityWeakMap<String[]> roles = new IdentityWeakMap<>();
    private static final String[] NO_ROLE = new String[0];
    /** The maker's role of each lock class named per maker, for its locks' conditions. */
    private final Map<LockClass, String[]> rolesOfClasses = new ConcurrentHashMap<>();
    private volatile MakerRoles makerRoles = MakerRoles.NONE;
    /** What binding needs to know of the objects of each runtime class, found once per class. */
    private final ClassValue<RuntimeClass> byRuntimeClass = new ClassValue<>() {
        @Override
        protected RuntimeClass computeValue(Class<?> type) {
            return new RuntimeClass(type, lockObjects.traits(type), instances.slotOf(type));
        }
    };

    /**
     * Objects of one runtime class: what binding asks of every new instance (by type tests and look-ups
     * that cost more than this one), and, once registered, the lock class they are named by
     * ({@link #classOfType}), written under the binding lock.
     */
    private static final class RuntimeClass {
        final boolean namedByType;
        final boolean mayBeLeftHeld;
        final LockObjects.ClassTraits traits;
        /** Named by type, each its own identity, each keeping its entry in its own slot: bound without the binding lock. */
        final boolean boundAlone;
        /** Where its objects keep their entry ({@link InstanceSlots#slotOf}). */
        final long slot;
        volatile LockClass byType;

        RuntimeClass(Class<?> type, LockObjects.ClassTraits traits, long slot) {
            namedByType = LockObjects.namedByType(type);
            mayBeLeftHeld = LockObjects.mayBeLeftHeld(type);
            this.traits = traits;
            this.slot = slot;
            boundAlone = namedByType && InstanceSlots.isField(slot) && traits.ownIdentity();
        }
    }
    private final SerialNumbers serials;
    private final SiteRegistry sites;
    private final LockObjects lockObjects;
    private final GraphLock graphLock;

    /** What to do when an event is named, under the binding lock (see {@link #eventEntry}). */
    interface EventNamed {
        void named(Object sync, Binding event);
    }

    ClassBinder(SiteRegistry sites, LockObjects lockObjects, GraphLock graphLock, SerialNumbers serials) {
        this.sites = sites;
        this.serials = serials;
        this.lockObjects = lockObjects;
        this.graphLock = graphLock;
        instances = new InstanceTable(true, lockObjects.slots());
    }

    /** Where makers' roles come from (see {@link MakerRoles}); set before the hooks run. */
    void makerRoles(MakerRoles m) {
        makerRoles = m;
    }

    /** The entry of a lock, bound now if it was not seen before. */
    InstanceTable.Entry entryOf(Object lock, int site) {
        return entryOf(lock, site, null);
    }

    /** As {@link #entryOf(Object, int)}, for a lock first seen now whose making was seen ({@code birth}, else null). */
    InstanceTable.Entry entryOf(Object lock, int site, Birth birth) {
        InstanceTable.Entry e = instances.get(lock);
        return e != null ? e : bind(lock, site, null, birth);
    }

    /**
     * The entry of a lock just made by {@code creator}'s thread: bound now, with the instance of its own
     * class that thread holds, if any (a child made under its parent). Not looked up first: a new object
     * is rarely bound yet (only if its constructor locked it), and binding finds that binding if it was.
     */
    InstanceTable.Entry created(Object lock, int site, HeldLocks creator) {
        return bind(lock, site, creator, null);
    }

    /**
     * The role of the maker of the object whose constructor makes a lock and keeps it in its field, when
     * that object is made by another object's code and kept in no field (see {@link MakerRoles}); else
     * null. Asked before the binding lock is taken, as the role may read class files.
     */
    private String[] makerRole(Site site, HeldLocks creator) {
        if (creator == null || !site.owned()) {
            return null;
        }
        String made = site.frame().className();
        Object maker = creator.constructionMaker;
        if (sites.constructionNamed(creator.construction, made) != SiteRegistry.NO_FIELD) {
            return null; // not this class's construction, or one that keeps it in a field
        }
        if (maker == null) {
            return creator.constructionRole; // a second lock of the same construction, or no maker
        }
        // Used once, then let go: a constructor that throws ends no announcement, and the thread's state
        // must not keep its maker reachable.
        creator.constructionMaker = null;
        if (maker.getClass().getName().equals(made)) {
            return null; // one of its own kind: a child made under its parent
        }
        String[] role;
        synchronized (roles) {
            role = roles.get(maker);
        }
        if (role == null) {
            String[] found = makerRoles.roleOf(maker, made);
            role = found == null ? NO_ROLE : found;
            synchronized (roles) {
                roles.put(maker, role);
            }
        }
        creator.constructionRole = role == NO_ROLE ? null : role;
        return creator.constructionRole;
    }

    /** A name followed by a maker's role: {@code CacheEntry.mutex@DataDictionaryImpl.sequenceGeneratorCache}. */
    private static String[] withRole(String[] keyAndName, String[] role) {
        return new String[] {ClassKey.madeBy(keyAndName[0], role[0]), keyAndName[1] + "@" + role[1]};
    }

    /** The entry of a lock, looked up by the lock or by its identity (a condition's lock); null if unseen. */
    InstanceTable.Entry lookUp(Object lock) {
        InstanceTable.Entry e = instances.get(lock);
        return e != null ? e : instances.get(lockObjects.identity(lock));
    }

    /** The name a lock not bound yet would get from its runtime class (for a message about it). */
    String classNameOf(Object lock) {
        return lockObjects.classKeyAndName(lock)[1];
    }

    /**
     * The entry of a lock seen first now, taken at {@code siteId} by a thread that did not make it lately,
     * if it is bound by its runtime class alone ({@link #bindByType}); else null, and nothing bound. The
     * acquire fast path binds a cache's new entries so, without its slow path's second look-up.
     */
    InstanceTable.Entry boundByType(Object lock, int siteId) {
        return bindByType(lock, sites.get(siteId), byRuntimeClass.get(lock.getClass()), null, null);
    }

    /** First sight of an instance: its class comes from the best name available now. */
    private InstanceTable.Entry bind(Object lock, int siteId, HeldLocks creator, Birth birth) {
        Site site = sites.get(siteId);
        String[] role = makerRole(site, creator);
        RuntimeClass known = byRuntimeClass.get(lock.getClass());
        if (role == null) {
            InstanceTable.Entry e = bindByType(lock, site, known, creator, birth);
            if (e != null) {
                return e;
            }
        }
        synchronized (bindLock) {
            InstanceTable.Entry e = instances.get(lock);
            if (e != null) {
                return e;
            }
            Object identity = known.traits.ownIdentity() ? lock : lockObjects.identity(lock);
            InstanceTable.Entry shared = identity == lock ? null : instances.get(identity);
            Binding b;
            LockClass bound = null;
            if (shared != null) {
                b = shared.binding;
            } else {
                // A field read at the acquisition names a lock object or a plain monitor; an object of the
                // program's own type is named by its class (an allocation site names anything it made).
                String[] kn = site.byOwner() ? ownerFieldOf(site, creator) : null;
                boolean perMaker = kn == null && role != null;
                if (perMaker) {
                    kn = withRole(siteKeyAndName(site), role);
                }
                if (kn == null && (site.allocation() || !known.namedByType)) {
                    kn = siteKeyAndName(site);
                }
                WaitType waitType = known.traits.waitType();
                bound = kn != null ? register(kn[0], kn[1], waitType) : classOfType(lock, waitType);
                if (perMaker) {
                    rolesOfClasses.put(bound, role);
                }
                // Counted before anything can find the binding: newBinding publishes it for the lock's identity.
                bound.instanceBound();
                b = newBinding(lock, known, bound, waitType, serials.next(), creator, birth);
            }
            return added(lock, b, known);
        }
    }

    /**
     * The binding of an object of the program's own type, named by its runtime class, made without the
     * binding lock: each new instance of a class made by the thousand (a cache's nodes, a server's objects
     * of each request), which many threads bind at once. Only for an object that keeps its entry in a slot
     * of its own, once its runtime class's lock class is registered, and taken or made where no field or
     * allocation site names it; else null, and the binding lock is taken.
     */
    private InstanceTable.Entry bindByType(Object lock, Site site, RuntimeClass known, HeldLocks creator,
                                           Birth birth) {
        LockClass c = known.byType;
        if (c == null || !known.boundAlone || site.byOwner() || site.allocation()) {
            return null;
        }
        c.instanceBound(); // before anything can find the binding, as in bind
        return added(lock, newBinding(lock, known, c, known.traits.waitType(), serials.next(), creator, birth), known);
    }

    /**
     * The entry of a lock just bound, or of another thread's binding of it that came first. Its caller
     * counted the instance to its class before it could be found, so that no thread sees a second instance
     * of a class still counted as its only one; a binding that loses the race then counted one too many,
     * which only keeps a class from being taken for a singleton.
     */
    private InstanceTable.Entry added(Object lock, Binding b, RuntimeClass known) {
        return instances.putNew(lock, known.slot, b, known.traits.impliedMode());
    }

    /**
     * The lock of a wrapper, made in the wrapper's constructor: named after the field the wrapper is being
     * made for (Jetty's {@code AutoLock} in {@code ManagedSelector._lock}), where the code that makes it
     * says so (announced by that code as it runs, else found by a walk of the stack); else null.
     */
    private String[] ownerFieldOf(Site site, HeldLocks creator) {
        String wrapper = site.frame().className();
        if (creator != null && creator.construction != 0) { // its maker said, without a stack walk
            String[] said = sites.constructionNamed(creator.construction, wrapper);
            if (said != null) {
                return said == SiteRegistry.NO_FIELD ? null : said;
            }
        }
        Frame caller = Stacks.constructorCaller(wrapper);
        return caller == null ? null : sites.construction(caller);
    }

    /**
     * Gives a lock an explicit class, as {@code lockdep_set_class} or the name passed to
     * {@code mutex_init} do: every lock given the same key is one class, printed with {@code name}.
     */
    void name(Object lock, String key, String name, WaitType waitType) {
        synchronized (bindLock) {
            while (true) { // again if a binding without the lock (bindByType) came in between
                InstanceTable.Entry old = instances.get(lock);
                long serial = old != null ? old.binding.serial() : serials.next();
                Binding b = newBinding(lock, key, name, waitType, serial, null, old != null ? old.binding.birth : null);
                if (instances.replace(lock, old, b, lockObjects.impliedMode(lock))) {
                    if (old == null || old.binding.lockClass() != b.lockClass()) {
                        b.lockClass().instanceBound();
                    }
                    return;
                }
            }
        }
    }

    /**
     * A binding to the class {@code key}, published for the lock's identity when that is another
     * object (the read and write views of one lock share it); the caller holds the binding lock and
     * publishes the lock's own entry.
     *
     * @param creator the thread state of the lock's maker, when bound as it is made; else null
     * @param birth   otherwise, where it was made, if known already
     */
    private Binding newBinding(Object lock, String key, String name, WaitType waitType, long serial,
                               HeldLocks creator, Birth birth) {
        return newBinding(lock, byRuntimeClass.get(lock.getClass()), register(key, name, waitType), waitType, serial,
                creator, birth);
    }

    private Binding newBinding(Object lock, RuntimeClass known, LockClass c, WaitType waitType, long serial, HeldLocks creator,
                               Birth birth) {
        Birth made = creator != null ? Birth.of(creator, c.id()) : birth;
        // A pseudo-lock (no wait type) is never reentrant, whatever object stands for it, as lockdep's maps.
        Binding b = new Binding(c, serial, waitType != WaitType.NONE && known.traits.reentrant(), made,
                known.mayBeLeftHeld);
        Object identity = known.traits.ownIdentity() ? lock : lockObjects.identity(lock);
        if (identity != lock) {
            instances.put(identity, b, LockMode.EXCLUSIVE);
        }
        return b;
    }

    private LockClass register(String key, String name, WaitType waitType) {
        synchronized (graphLock) {
            return graphLock.register(key, name, 0, waitType);
        }
    }

    /**
     * The class of a lock named by its runtime class: named and registered once per runtime class, not
     * at each new instance (a cache's entries, made by the thousand). A {@code Class} is named for itself.
     */
    private LockClass classOfType(Object lock, WaitType waitType) {
        if (lock instanceof Class<?>) {
            String[] kn = lockObjects.classKeyAndName(lock);
            return register(kn[0], kn[1], waitType);
        }
        RuntimeClass known = byRuntimeClass.get(lock.getClass());
        LockClass c = known.byType;
        if (c == null) {
            String[] kn = lockObjects.classKeyAndName(lock);
            c = register(kn[0], kn[1], waitType);
            known.byType = c;
        }
        return c;
    }

    /** The class of {@code base}'s key at nesting subclass {@code subclass}, registered on first use. */
    LockClass subclassOf(LockClass base, int subclass) {
        LockClass c = base.sibling(subclass);
        if (c == null) {
            synchronized (graphLock) {
                c = graphLock.register(base.key(), base.name(), subclass, base.waitType());
            }
        }
        return c;
    }

    /**
     * The event of a synchronizer, bound on first sight; {@code whenNamed} runs then, under the binding
     * lock, so that a signal kept for an unnamed event (see {@link #eventOrElse}) is never lost.
     */
    InstanceTable.Entry eventEntry(Object sync, int siteId, String kind, EventNamed whenNamed) {
        InstanceTable events = eventsOf(kind);
        InstanceTable.Entry e = events.get(sync);
        if (e != null) {
            return e;
        }
        synchronized (bindLock) {
            e = events.get(sync);
            if (e != null) {
                return e;
            }
            String[] kn = eventKeyAndName(sync, sites.get(siteId), kind);
            Binding b = newBinding(new Object(), ClassKey.event(kind, kn[0]), "(" + kind + ")" + kn[1], WaitType.NONE,
                    serials.next(), null, null);
            whenNamed.named(sync, b);
            return events.put(sync, b, LockMode.EXCLUSIVE);
        }
    }

    /** The event of {@code sync} if it is named; else null, after running {@code ifUnnamed} under the binding lock. */
    InstanceTable.Entry eventOrElse(Object sync, String kind, Runnable ifUnnamed) {
        synchronized (bindLock) { // events are named under it: the caller sees the name, or the namer what it kept
            InstanceTable.Entry e = eventsOf(kind).get(sync);
            if (e == null) {
                ifUnnamed.run();
            }
            return e;
        }
    }

    /** The event of {@code sync} of this kind, or null if it was not named yet (a lock-free look-up). */
    InstanceTable.Entry event(Object sync, String kind) {
        return eventsOf(kind).get(sync);
    }

    /**
     * A thread's end and the notify of its monitor are two events of one object: {@code notify()} on a
     * thread object is no end of that thread.
     */
    private InstanceTable eventsOf(String kind) {
        return kind.equals(EventKinds.THREAD) ? threadEnds : events;
    }

    /**
     * An event's name: its synchronizer's field, else the site that made it; a condition's is named after
     * its lock, a monitor's wait and notify after the monitor (an object of the program's own type by its
     * runtime class: the latches of two kinds of page are two events, as their monitors are two classes);
     * else the site where it was first seen, else its runtime class.
     */
    private String[] eventKeyAndName(Object sync, Site site, String kind) {
        String[] kn = siteKeyAndName(site);
        Object lock = lockObjects.identity(sync);
        if (kn != null) {
            // A condition of a lock named per maker is too: the entries of two caches wait apart.
            InstanceTable.Entry owner = lock == sync ? null : instances.get(lock);
            String[] role = owner == null ? null : rolesOfClasses.get(owner.binding.lockClass());
            return role == null ? kn : withRole(kn, role);
        }
        InstanceTable.Entry e = lock == sync && !kind.equals(EventKinds.NOTIFY) ? null : instances.get(lock);
        if (e != null) {
            return new String[] {e.binding.lockClass().key(), e.binding.lockClass().bareName()};
        }
        if (site.frame().line() >= 0) {
            return new String[] {ClassKey.site(sites.place(site)), siteName(site.frame())};
        }
        String name = sync.getClass().getName();
        return new String[] {ClassKey.runtimeClass(name), name};
    }

    /** A class key and name from a site: its field, or, for a site that makes the object, the site; else null. */
    private String[] siteKeyAndName(Site site) {
        if (site.fieldKey() != null) {
            return new String[] {site.fieldKey(), site.fieldName()};
        }
        return site.allocation() ? new String[] {ClassKey.allocation(sites.place(site)), siteName(site.frame())} : null;
    }

    /** {@code Class.method:line}, the simple class name. */
    private static String siteName(Frame f) {
        return f.className().substring(f.className().lastIndexOf('.') + 1) + "." + f.methodName() + ":" + f.line();
    }

    /**
     * Drops the entries of lock instances the program let go, as they are collected, until interrupted:
     * for a thread of the agent's own (its locking is not recorded). Without it, they go when the
     * instance table next grows.
     */
    void reapCollectedInstances() throws InterruptedException {
        while (true) {
            InstanceTable.Entry dead = instances.awaitCollected();
            synchronized (bindLock) {
                for (; dead != null; dead = instances.pollCollected()) {
                    instances.bury(dead);
                }
            }
        }
    }
}
