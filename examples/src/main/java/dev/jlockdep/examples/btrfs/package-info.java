/** The btrfs paths of seed 002: transaction commit, delayed inodes, backref walking, inode eviction. */
package dev.jlockdep.examples.btrfs;
