package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;

/**
 * A place in the code where a lock is acquired, released or created, known when the class is
 * instrumented. Held locks print it as their {@code at:} frame; a lock first seen at a site whose
 * bytecode shows the field it was read from (or stored to) is named after that field.
 *
 * @param frame      the source position
 * @param fieldKey   stable key of the field the lock came from ({@code field:com.acme.Account.lock}), or null
 * @param fieldName  printed name of that field ({@code Account.lock}), or null
 * @param allocation true when the site creates the lock, so an unnamed lock is keyed by this site
 * @param byOwner    true when the site creates the lock of a lock wrapper (a class whose methods take and
 *                   release it for their callers), stored in the wrapper's own field: the lock is named
 *                   after the field its wrapper is stored in, where the code that made the wrapper says
 * @param owned      true when the site creates a lock in a constructor and keeps it in a field of the object
 *                   being made (unnamed by the api): the lock may be named per that object's maker
 *                   ({@link MakerRoles})
 */
public record Site(Frame frame, String fieldKey, String fieldName, boolean allocation, boolean byOwner, boolean owned) {
    public Site(Frame frame, String fieldKey, String fieldName, boolean allocation) {
        this(frame, fieldKey, fieldName, allocation, false, false);
    }
}
