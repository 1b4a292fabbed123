/** XFS inode reclaim and its log (CIL) push work, the reclaim side of seed 001. */
package dev.jlockdep.examples.xfs;
