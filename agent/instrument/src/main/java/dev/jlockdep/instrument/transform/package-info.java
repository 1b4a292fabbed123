/**
 * Bytecode: the class filter that chooses a {@link dev.jlockdep.instrument.transform.ClassRewrite} per class,
 * the transformer that runs it (never breaking a class), and the api's bridge rewrite.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.transform;
