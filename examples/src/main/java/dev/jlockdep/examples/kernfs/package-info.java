/**
 * kernfs ({@code fs/kernfs}) for seeds 000, 001 and 004: nodes with reference and active counts, a
 * directory tree under the root's rwsem, lookups that cache dentries, and {@code kernfs_notify} with its
 * work item.
 */
package dev.jlockdep.examples.kernfs;
