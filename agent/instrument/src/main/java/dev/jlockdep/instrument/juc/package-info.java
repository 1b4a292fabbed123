/**
 * Models of {@code java.util.concurrent} objects as lockdep sees them: a lock's views and conditions as
 * the lock itself, and thread pools and tasks as workqueues and work items.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.juc;
