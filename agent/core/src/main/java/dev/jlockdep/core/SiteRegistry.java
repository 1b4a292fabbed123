package dev.jlockdep.core;

import java.util.Arrays;

/**
 * Sites by id. Ids are handed out while classes are instrumented and baked into their bytecode, so the
 * hot path passes an int; it reads the table without a lock (the array is republished on growth).
 */
public final class SiteRegistry {
    /** The id of "no known site" (an acquisition whose position the instrumentation cannot name). */
    public static final int UNKNOWN = 0;

    private volatile Site[] sites = new Site[256];
    private int size = 1;

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
        return size++;
    }

    /** Replaces a site's record, e.g. once the line number of a method's first statement is known. */
    public synchronized void update(int id, Site site) {
        sites[id] = site;
    }

    public Site get(int id) {
        Site[] s = sites;
        Site site = id > 0 && id < s.length ? s[id] : null;
        return site != null ? site : s[UNKNOWN];
    }
}
