/**
 * What the agent does once, at start-up, before the application runs: the bridge class in
 * {@code java.lang} through which every class calls the hooks, the preload of the agent's own classes
 * (against virtual-thread pinning), the module access to the JDK's lock internals, and the access to the
 * field the rewrite adds to the application's classes for the validator's entry of each object.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.boot;
