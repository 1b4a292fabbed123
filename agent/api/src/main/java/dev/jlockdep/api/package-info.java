/**
 * The tiny public face of jlockdep for code that wants to talk to the validator: naming lock classes,
 * nesting annotations. It depends on nothing; every method is a no-op when no agent runs, and the
 * agent gives them their meaning when it loads this class.
 */
package dev.jlockdep.api;
