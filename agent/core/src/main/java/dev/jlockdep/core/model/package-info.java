/**
 * Immutable reports as the validator finds them: plain data (names, ids, frames) that the report
 * module renders as lockdep text or JSON without touching the validator's live state.
 */
package dev.jlockdep.core.model;
