/**
 * A small model of the kernel's locking runtime, built on real Java locks so that the jlockdep agent
 * instruments it like any application: mutexes, spinlocks, rw-semaphores, seqcounts, gfp-masked
 * allocation with the {@code fs_reclaim} pseudo-lock and reclaim, and workqueues with their lockdep
 * maps. Functions keep their kernel names ({@code mutex_lock}, {@code pcpu_alloc}) so that the stacks
 * in a report read like the kernel's.
 */
package dev.jlockdep.examples.kernel;
