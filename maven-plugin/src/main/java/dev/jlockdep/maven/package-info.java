/**
 * The Maven plugin: {@code prepare-agent} (and {@code prepare-agent-integration}) put the agent on the
 * test JVMs' command line, {@code check}, {@code report} and {@code write-baseline} run the CLI's own
 * commands over the dumps they wrote. It reimplements nothing of the CLI.
 */
package dev.jlockdep.maven;
