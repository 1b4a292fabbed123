package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sites by id. Ids are handed out while classes are instrumented and baked into their bytecode, so the
 * hot path passes an int; it reads the table without a lock (the array is republished on growth).
 *
 * <p>A site inside a lock primitive (the api's {@code @LockPrimitive}, or a lock wrapper's method) is
 * baked in negated: it stands for whatever place called the primitive, which the rewritten call said
 * just before (a wrapper's), or else a stack walk finds when the site is used.
 */
public final class SiteRegistry {
    /** The id of "no known site" (an acquisition whose position the instrumentation cannot name). */
    public static final int UNKNOWN = 0;

    private volatile Site[] sites = new Site[256];
    private int size = 1;
    /** Methods of lock primitives, as {@code class#method}. */
    private final Set<String> primitives = ConcurrentHashMap.newKeySet();
    /** The untimed wait sites that are inside loops (see {@link #markWaitInLoop}). */
    private final Set<Integer> waitsInLoops = ConcurrentHashMap.newKeySet();
    /** The site of each (primitive site, calling frame) pair seen so far. */
    private final Map<String, Integer> callerSites = new ConcurrentHashMap<>();
    /** The site of each (primitive site, call site) pair seen so far, the two ids in one long. */
    private final Map<Long, Integer> calledSites = new ConcurrentHashMap<>();
    private static final int RECENT_CALL_BITS = 10;
    /** The pairs of {@link #calledSites} looked up last, by a hash of the pair: a hit boxes nothing. */
    private final CalledSite[] recentCalls = new CalledSite[1 << RECENT_CALL_BITS];
    /**
     * Each line's number among the sites of its method (allocations apart), in the order registered:
     * bytecode order, as a class is instrumented whole before it runs (places seen later, on first sight).
     * Keys name a place by it, not by its line, so a line added above does not rename a lock. Guarded by this.
     */
    private final Map<String, Map<Integer, Integer>> ordinals = new HashMap<>();
    /** Where lock wrappers are made and stored into a field: the frame's place, to that field's key and name. */
    private final Map<String, String[]> constructions = new ConcurrentHashMap<>();
    /** Constructions of lock wrappers by id: the wrapper's class, then the field's key and name once known. */
    private final Map<Integer, String[]> constructionsById = new ConcurrentHashMap<>();
    private final AtomicInteger nextConstruction = new AtomicInteger();

    public SiteRegistry() {
        sites[UNKNOWN] = new Site(new Frame("<unknown>", "<unknown>", null, -1), null, null, false);
    }

    public synchronized int register(Site site) {
        Site[] s = sites;
        if (size == s.length) {
            s = Arrays.copyOf(s, s.length * 2);
        }
        s[size] = site;
        sites = s;
        number(site.frame(), site.allocation());
        return size++;
    }

    /** Replaces a site's record, e.g. once the line number of a method's first statement is known. */
    public synchronized void update(int id, Site site) {
        sites[id] = site;
        number(site.frame(), site.allocation());
    }

    private int number(Frame f, boolean allocation) {
        if (f.line() < 0) {
            return 1;
        }
        Map<Integer, Integer> lines = ordinals.computeIfAbsent(f.className() + "#" + f.methodName()
                + (allocation ? "|new" : ""), k -> new HashMap<>());
        return lines.computeIfAbsent(f.line(), k -> lines.size() + 1);
    }

    /**
     * A site's place as keys name it, without its line: {@code com.acme.Pool.grow} for the method's first
     * site of its sort (allocations, or the others), {@code com.acme.Pool.grow#2} for its second.
     */
    public String place(Site site) {
        return place(site.frame(), site.allocation());
    }

    /** The place of a frame no site was registered for (where a model makes a pool, say): numbered on first sight. */
    public synchronized String place(Frame f, boolean allocation) {
        int n = number(f, allocation);
        return f.className() + "." + f.methodName() + (n == 1 ? "" : "#" + n);
    }

    /** Records that the untimed wait at {@code site} is inside a loop (a backward jump from after it to before it). */
    public void markWaitInLoop(int site) {
        waitsInLoops.add(site);
    }

    /** Whether the wait at {@code site} is inside a loop, which re-checks the condition it waits for. */
    public boolean waitInLoop(int site) {
        return waitsInLoops.contains(site);
    }

    /** Records that a method belongs to a lock primitive: stack walks for callers pass over it. */
    public void markPrimitive(String className, String methodName) {
        primitives.add(className + "#" + methodName);
    }

    public boolean isPrimitive(String className, String methodName) {
        return !primitives.isEmpty() && primitives.contains(className + "#" + methodName);
    }

    /**
     * The site that stands for the negated primitive site {@code signedId} on this call: the primitive's
     * own, moved to the first frame of the current stack outside agent code and lock primitives.
     */
    int atCaller(int signedId) {
        int id = -signedId;
        Frame caller = Stacks.firstCaller(this);
        if (caller == null) {
            return id;
        }
        return callerSites.computeIfAbsent(id + "|" + caller, k -> placed(id, caller));
    }

    /** The site that stands for the negated primitive site {@code signedId} called from site {@code callId}. */
    int atCall(int signedId, int callId) {
        long pair = pair(signedId, callId);
        int recent = recent(pair);
        if (recent >= 0) {
            return recent;
        }
        int id = -signedId;
        int site = calledSites.computeIfAbsent(pair, k -> placed(id, get(callId).frame()));
        recentCalls[recentSlot(pair)] = new CalledSite(pair, site);
        return site;
    }

    private int recent(long pair) {
        CalledSite recent = recentCalls[recentSlot(pair)];
        return recent != null && recent.pair == pair ? recent.site : -1;
    }

    /** The (primitive site, call site) pair as one key: the primitive's id in the high half. */
    static long pair(int signedId, int callId) {
        return ((long) -signedId << 32) | Integer.toUnsignedLong(callId);
    }

    private static int recentSlot(long pair) {
        return pairSlot(pair, RECENT_CALL_BITS);
    }

    /** A slot of {@code 2^bits} for a (primitive site, call site) pair. */
    static int pairSlot(long pair, int bits) {
        return ((int) (pair ^ (pair >>> 32)) * 0x9E3779B9) >>> (Integer.SIZE - bits);
    }

    /** A (primitive site, call site) pair and the site that stands for it; final fields, so shared safely. */
    private record CalledSite(long pair, int site) {
    }

    /** The primitive's site {@code id} moved to {@code caller}. */
    private int placed(int id, Frame caller) {
        Site primitive = get(id);
        return register(new Site(caller, primitive.fieldKey(), primitive.fieldName(), primitive.allocation()));
    }

    /**
     * Records that the code at {@code frame} makes a lock wrapper and stores it in a field, named by
     * {@code fieldKey} and {@code fieldName}: the wrapper's lock is named after that field.
     */
    public void registerConstruction(Frame frame, String fieldKey, String fieldName) {
        constructions.put(place(frame), new String[] {fieldKey, fieldName});
    }

    /** The key and name of the field the wrapper made at {@code frame} goes into, or null. */
    String[] construction(Frame frame) {
        return constructions.get(place(frame));
    }

    /** A new construction of a lock wrapper of class {@code wrapper} (a binary name), announced by its maker's code. */
    public int newConstruction(String wrapper) {
        int id = nextConstruction.incrementAndGet();
        constructionsById.put(id, new String[] {wrapper});
        return id;
    }

    /** Construction {@code id} stores the wrapper in the field named by {@code fieldKey} and {@code fieldName}. */
    public void registerConstruction(int id, String fieldKey, String fieldName) {
        String[] c = constructionsById.get(id);
        if (c != null) {
            constructionsById.put(id, new String[] {c[0], fieldKey, fieldName});
        }
    }

    /**
     * What construction {@code id} says of a lock made in a constructor of {@code wrapper}: the field's key
     * and name; {@link #NO_FIELD} if it stores the wrapper in no field; null if it makes another class
     * (the lock's constructor is a superclass's, or another wrapper's made inside it): the caller looks.
     */
    public String[] constructionNamed(int id, String wrapper) {
        String[] c = constructionsById.get(id);
        if (c == null || !c[0].equals(wrapper)) {
            return null;
        }
        return c.length == 3 ? new String[] {c[1], c[2]} : NO_FIELD;
    }

    /** A construction that stores its wrapper in no field: nothing to name the lock after. */
    static final String[] NO_FIELD = new String[0];

    private static String place(Frame f) {
        return f.className() + "#" + f.methodName() + ":" + f.line();
    }

    public Site get(int id) {
        Site[] s = sites;
        Site site = id > 0 && id < s.length ? s[id] : null;
        return site != null ? site : s[UNKNOWN];
    }
}
