/**
 * The {@code jlockdep} command (picocli): reports and the CI gate over the agent's dumps. It reuses the
 * report module to read dumps and never touches the instrumentation.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.cli;
