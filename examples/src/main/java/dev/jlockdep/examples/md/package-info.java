/** The md (software RAID) write path of seed 001, and its metadata daemon. */
package dev.jlockdep.examples.md;
