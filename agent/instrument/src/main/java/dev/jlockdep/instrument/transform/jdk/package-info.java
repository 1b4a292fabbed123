/**
 * One rewrite per JDK type the agent teaches lockdep's annotations to: the synchronized collections'
 * monitors, a thread's end, thread pools and their tasks, futures, virtual threads.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.transform.jdk;
