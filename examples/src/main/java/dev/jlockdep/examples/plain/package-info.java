/** Plain-Java examples: the lock-order bugs of everyday services, caught before they deadlock. */
package dev.jlockdep.examples.plain;
