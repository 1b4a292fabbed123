/** Seed 003's kernel paths: pid allocation and release, slab allocation reading the cpuset seqcount. */
package dev.jlockdep.examples.pid;
