/**
 * The {@code -javaagent}: its entry points ({@link dev.jlockdep.instrument.Premain}), options and the start-up
 * sequence that builds the validator, installs the hooks and the transformer, and arranges the dump.
 * Data flows one way: rewritten code calls the hooks, the hooks call the core, the core reports.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument;
