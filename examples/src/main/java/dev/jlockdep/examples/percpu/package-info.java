/** The percpu allocator of seed 002. */
package dev.jlockdep.examples.percpu;
