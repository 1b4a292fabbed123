/**
 * The application's rewrite: monitors and synchronized methods, {@code java.util.concurrent} call sites
 * (a table of rewrites, each naming its hook), and new locks bound to their field or allocation site.
 *
 * <p>Internal: not an API, and may change in any release; the api is {@code dev.jlockdep.api}.
 */
package dev.jlockdep.instrument.transform.app;
