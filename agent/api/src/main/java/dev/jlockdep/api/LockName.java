package dev.jlockdep.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the lock class of the locks held in this field, as the kernel's {@code mutex_init} name does:
 * every lock stored in or read from a field with the same name is one class, printed with that name.
 * Without it a lock is named after its field ({@code Account.lock}).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface LockName {
    String value();
}
