/**
 * The kernel bugs of the seed documents as runnable programs, each with a buggy and a fixed variant
 * ({@code --fixed}). Tasks run one after another, so every lock order is recorded without a real
 * deadlock, which is the point of lockdep.
 */
package dev.jlockdep.examples.scenarios;
