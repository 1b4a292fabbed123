/**
 * The runtime that rewritten code calls, through the bridge: {@link dev.jlockdep.instrument.hooks.Hook}
 * methods, bound to bytecode by {@link dev.jlockdep.instrument.hooks.HookRef}s taken from the methods
 * themselves, all behind one {@link dev.jlockdep.instrument.hooks.HookRuntime} and its fault guard.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.hooks;
