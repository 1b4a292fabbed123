package dev.jlockdep.core;

import dev.jlockdep.core.model.Report;
import java.util.List;

/** Validators for unit tests, driven the way the hooks drive them. */
final class Validators {
    private Validators() {
    }

    /** A validator of plain monitors whose reports go to {@code reports}. */
    static Validator collecting(List<Report> reports) {
        return new Validator(new Validator.Config(false, 8, "test", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, reports::add);
    }

    /** Takes {@code outer}, then {@code inner} inside it, and releases both. */
    static void nest(Validator v, Object outer, Object inner) {
        v.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(inner, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(inner, 0, LockMode.EXCLUSIVE);
        v.release(outer, 0, LockMode.EXCLUSIVE);
    }
}
