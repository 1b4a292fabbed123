package dev.jlockdep.cli;

import dev.jlockdep.report.DumpReader;
import dev.jlockdep.report.LoadedDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dumps from many JVMs read together: each distinct problem once, with the dumps it was seen in. */
final class Dumps {
    /** A problem and where it was seen; {@code report} is its first occurrence. */
    record Problem(LoadedDump.DumpReport report, LoadedDump firstDump, List<Path> seenIn) {
        boolean isDeadlock() {
            return report.kind().equals("circular") || report.kind().equals("recursive");
        }

        /** A readable one-line description: the kind and the chain of class names. */
        String describe() {
            Map<String, String> names = new LinkedHashMap<>();
            firstDump.classes().forEach(c -> names.put(c.key(), c.bareName()));
            if (report.chain().isEmpty()) {
                // recursive:KEY/SUBCLASS and the like: name the class where the dump knows it
                String subject = report.problem().substring(report.problem().indexOf(':') + 1);
                String key = subject.contains("/") ? subject.substring(0, subject.lastIndexOf('/')) : subject;
                return report.kind() + " " + names.getOrDefault(key, subject);
            }
            List<String> chain = new ArrayList<>();
            for (String key : report.chain()) {
                chain.add(names.getOrDefault(key, key));
            }
            chain.add(chain.get(0));
            return report.kind() + " " + String.join(" -> ", chain);
        }
    }

    final List<LoadedDump> dumps;
    final Map<String, Problem> problems = new LinkedHashMap<>();

    private Dumps(List<LoadedDump> dumps) {
        this.dumps = dumps;
        for (LoadedDump d : dumps) {
            for (LoadedDump.DumpReport r : d.reports()) {
                problems.computeIfAbsent(r.problem(), k -> new Problem(r, d, new ArrayList<>())).seenIn().add(d.file());
            }
        }
    }

    static Dumps load(List<Path> files) {
        List<LoadedDump> dumps = new ArrayList<>();
        for (Path f : files) {
            try {
                dumps.add(DumpReader.read(f));
            } catch (DumpReader.BadDumpException e) {
                throw new BadInput(e.getMessage());
            }
        }
        return new Dumps(dumps);
    }
}
