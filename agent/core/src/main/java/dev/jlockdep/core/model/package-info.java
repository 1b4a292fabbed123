/**
 * Immutable reports as the validator finds them: plain data (names, ids, frames) that the report
 * module renders as lockdep text or JSON without touching the validator's live state.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.core.model;
