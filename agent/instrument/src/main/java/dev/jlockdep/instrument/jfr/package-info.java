/**
 * JDK Flight Recorder events: each report, each watchdog stall, and periodic counts, so that a recording
 * and Mission Control show a lock-order problem beside the JVM's own monitor events. Loaded only when the
 * JVM has the {@code jdk.jfr} module; an event costs nothing unless a recording enables it.
 */
package dev.jlockdep.instrument.jfr;
