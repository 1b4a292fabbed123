/**
 * The harness the modules' end-to-end tests share: the built agent in forked JVMs on both JDKs
 * ({@link dev.jlockdep.testing.AgentRun}) and golden files ({@link dev.jlockdep.testing.Golden}).
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.testing;
