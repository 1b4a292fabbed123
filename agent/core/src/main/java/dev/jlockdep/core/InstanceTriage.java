package dev.jlockdep.core;

import java.util.ArrayList;
import java.util.List;

/**
 * jlockdep's own line under a circular report: whether the cycle also closed on the same lock
 * instances (confirmed), or only at the level of lock classes, where it may be a false positive.
 */
final class InstanceTriage {
    private InstanceTriage() {
    }

    /**
     * Instances i0 (the new lock) .. ik (the held lock) such that every dependency of the path was seen
     * on (i(j-1), ij), then i0 again; null if the cycle only closes at class level.
     */
    static List<String> closingInstances(List<Dependency> path, long heldSerial, long newSerial) {
        long[] chosen = new long[path.size() + 1];
        chosen[0] = newSerial;
        if (!extend(path, 0, heldSerial, chosen)) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (long serial : chosen) {
            ids.add(Binding.instanceId(serial));
        }
        ids.add(Binding.instanceId(newSerial));
        return ids;
    }

    private static boolean extend(List<Dependency> path, int k, long heldSerial, long[] chosen) {
        Dependency d = path.get(k);
        if (k == path.size() - 1) {
            chosen[k + 1] = heldSerial;
            return d.hasInstances(chosen[k], heldSerial);
        }
        long[] pairs = d.instancePairs();
        for (int p = 0; p < pairs.length; p += 2) {
            if (pairs[p] == chosen[k]) {
                chosen[k + 1] = pairs[p + 1];
                if (extend(path, k + 1, heldSerial, chosen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
