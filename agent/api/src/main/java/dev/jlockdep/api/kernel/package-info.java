/**
 * Aids for modelling kernel code in Java: the gfp flags ({@link dev.jlockdep.api.kernel.Gfp}), memalloc
 * scopes ({@link dev.jlockdep.api.kernel.Memalloc}, {@link dev.jlockdep.api.kernel.MemallocScope}) and
 * interrupt state ({@link dev.jlockdep.api.kernel.Irq}), which the agent keeps per thread. Plain Java
 * code needs none of it; {@link dev.jlockdep.api.Lockdep} is the validator's api.
 */
package dev.jlockdep.api.kernel;
