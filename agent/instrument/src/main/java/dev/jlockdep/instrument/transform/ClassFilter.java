package dev.jlockdep.instrument.transform;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.core.Glob;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which rewrite a class gets: the api's classes their bridge; the agent itself nothing; a
 * class of the JDK's own loaders the JDK rewrite it matches, if any; any other class the application's
 * rewrite, unless the include and exclude globs leave it out.
 */
public final class ClassFilter {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final ClassRewrite api;
    private final ClassRewrite application;
    private final List<ClassRewrite> jdk;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

    /** Patterns are class-name globs (see {@link Glob}). */
    public ClassFilter(List<String> includes, List<String> excludes, ClassRewrite api, ClassRewrite application,
                       List<ClassRewrite> jdk) {
        this.includes = includes.stream().map(Glob::compile).toList();
        this.excludes = excludes.stream().map(Glob::compile).toList();
        this.api = api;
        this.application = application;
        this.jdk = jdk;
    }

    /** The rewrite for a class, or null to leave it as it is. */
    public ClassRewrite rewriteFor(ClassLoader loader, String internalName) {
        if (api.matches(internalName)) {
            return api;
        }
        String name = internalName.replace('/', '.');
        if (AgentPackages.isAgentClass(name)) {
            return null;
        }
        if (loader == null || loader == platformLoader) {
            for (ClassRewrite r : jdk) {
                if (r.matches(internalName)) {
                    return r;
                }
            }
            return null;
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(name).matches())) {
            return null;
        }
        if (excludes.stream().anyMatch(p -> p.matcher(name).matches())) {
            return null;
        }
        return application;
    }
}
