/**
 * The validator: lock classes, per-thread held-lock stacks, the dependency graph of lock classes,
 * the chain cache that makes a known lock order cheap, the cycle search and the report model.
 *
 * <p>It knows nothing of bytecode: the instrumentation layer calls {@link dev.jlockdep.core.Validator}
 * with lock objects and site ids, and receives finished {@link dev.jlockdep.core.model.Report}s
 * through a {@link dev.jlockdep.core.ReportSink}.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.core;
