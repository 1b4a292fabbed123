package dev.jlockdep.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers lock classes by key and nesting subclass, and numbers classes that share a printed name
 * ({@code &s->seqcount#2}): a new key gets one more than the highest version of its name so far,
 * while a subclass of a known key keeps its key's version, as lockdep's count_matching_names does.
 * Called under the validator's graph lock.
 */
final class LockClassRegistry {
    static final int MAX_SUBCLASSES = 8;

    private final Map<String, LockClass[]> byKey = new HashMap<>();
    private final Map<String, Integer> highestVersionByName = new HashMap<>();
    private final List<LockClass> byId = new ArrayList<>();

    LockClassRegistry() {
        byId.add(null); // ids start at 1
    }

    LockClass lookup(String key, String name, int subclass, WaitType waitType) {
        if (subclass < 0 || subclass >= MAX_SUBCLASSES) {
            throw new IllegalArgumentException("looking up invalid subclass: " + subclass);
        }
        LockClass[] subs = byKey.get(key);
        if (subs == null) {
            subs = new LockClass[MAX_SUBCLASSES];
            byKey.put(key, subs);
        }
        LockClass c = subs[subclass];
        if (c == null) {
            int version = versionFor(subs, name);
            c = new LockClass(byId.size(), key, name, subclass, version, waitType, subs);
            subs[subclass] = c;
            byId.add(c);
        }
        return c;
    }

    private int versionFor(LockClass[] subclassesOfKey, String name) {
        for (LockClass sibling : subclassesOfKey) {
            if (sibling != null) {
                return sibling.nameVersion();
            }
        }
        return highestVersionByName.merge(name, 1, Integer::sum);
    }

    LockClass byId(int id) {
        return byId.get(id);
    }

    int size() {
        return byId.size() - 1;
    }

    List<LockClass> all() {
        return byId.subList(1, byId.size());
    }
}
