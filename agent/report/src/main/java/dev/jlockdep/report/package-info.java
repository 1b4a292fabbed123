/**
 * Renders the core's reports: the lockdep text splat, line for line as the kernel prints it, and the
 * versioned JSON dump shared by the agent (which writes it) and the CLI (which reads it).
 */
package dev.jlockdep.report;
