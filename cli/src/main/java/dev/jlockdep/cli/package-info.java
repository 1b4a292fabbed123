/**
 * The {@code jlockdep} command (picocli): reports and the CI gate over the agent's dumps. It reuses the
 * report module to read dumps and never touches the instrumentation.
 */
package dev.jlockdep.cli;
