/**
 * Small programs that the end-to-end tests run in forked JVMs under the built agent jar. Their line
 * numbers appear in the asserted reports: edit them with care.
 */
package dev.jlockdep.it;
