package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.util.List;
import java.util.Optional;

/**
 * The gate's verdict for CI systems without code scanning: GitHub Actions workflow annotations (one
 * {@code ::error} per new problem, on its first application frame), and JUnit XML (one test case per
 * problem the gate looked at: a new one fails, a known one passes, one out of the gate or suppressed is
 * skipped with the reason), which Jenkins, GitLab and Azure render.
 */
final class GateFormats {
    private GateFormats() {
    }

    /** What the gate decided, problem by problem. */
    record Verdicts(List<Dumps.Problem> fresh, List<Dumps.Problem> known, List<Dumps.Problem> triaged,
                    List<Dumps.Problem> suppressed) {
    }

    /** {@code ::error file=F,line=N,title=T::MESSAGE} per new problem (without file and line if it has no application frame). */
    static String github(Verdicts v, SourcePlaces places) {
        StringBuilder out = new StringBuilder();
        for (Dumps.Problem p : v.fresh()) {
            out.append("::error ");
            Optional<LoadedDump.DumpLocation> at = SourcePlaces.first(p);
            if (at.isPresent()) {
                out.append("file=").append(property(places.file(at.get())));
                if (at.get().line() > 0) {
                    out.append(",line=").append(at.get().line());
                }
                out.append(',');
            }
            out.append("title=").append(property("jlockdep: " + p.kind().dumpName())).append("::")
                    .append(data(p.summary() + "\nkey: " + p.key())).append('\n');
        }
        return out.toString();
    }

    /** A JUnit XML test suite named jlockdep. */
    static String junit(Verdicts v) {
        int tests = v.fresh().size() + v.known().size() + v.triaged().size() + v.suppressed().size();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"jlockdep\" tests=\"").append(tests).append("\" failures=\"").append(v.fresh().size())
                .append("\" errors=\"0\" skipped=\"").append(v.triaged().size() + v.suppressed().size()).append("\">\n");
        for (Dumps.Problem p : v.fresh()) {
            testCase(out, p, ">\n").append("    <failure type=\"").append(p.kind().dumpName()).append("\" message=\"")
                    .append(xml(p.summary())).append("\">").append(xml(p.text())).append("</failure>\n  </testcase>\n");
        }
        for (Dumps.Problem p : v.known()) {
            testCase(out, p, "/>\n");
        }
        for (Dumps.Problem p : v.triaged()) {
            skipped(out, p, p.triage().line());
        }
        for (Dumps.Problem p : v.suppressed()) {
            skipped(out, p, "suppressed by " + p.suppressed());
        }
        return out.append("</testsuite>\n").toString();
    }

    private static void skipped(StringBuilder out, Dumps.Problem p, String why) {
        testCase(out, p, ">\n").append("    <skipped message=\"").append(xml(why)).append("\"/>\n  </testcase>\n");
    }

    /** {@code <testcase classname="jlockdep.KIND" name="SUMMARY"} and its {@code end}. */
    private static StringBuilder testCase(StringBuilder out, Dumps.Problem p, String end) {
        return out.append("  <testcase classname=\"jlockdep.").append(p.kind().dumpName()).append("\" name=\"")
                .append(xml(p.summary())).append('"').append(end);
    }

    /** Text in XML: escaped, without the control characters XML 1.0 cannot carry. */
    private static String xml(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "").replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A workflow command's message. */
    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value. */
    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
