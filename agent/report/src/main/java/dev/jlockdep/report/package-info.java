/**
 * Renders the core's reports: the lockdep text splat, line for line as the kernel prints it, and the
 * versioned JSON dump shared by the agent (which writes it) and the CLI (which reads it).
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.report;
