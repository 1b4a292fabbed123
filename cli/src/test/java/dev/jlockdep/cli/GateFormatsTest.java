package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** check's verdict for CI without code scanning: GitHub workflow annotations and JUnit XML. */
class GateFormatsTest {
    @TempDir
    Path dir;

    /**
     * A real run's new cycle is an ::error on its first application frame, with the file as the source root
     * under the current directory has it (the module's src/test/java); the text follows.
     */
    @Test
    void githubAnnotatesEachNewProblemOnItsApplicationFrame() {
        Path dump = dir.resolve("run.json");
        CliTest.Run run = CliTest.run("run", "--dump", dump.toString(), "--", CliTest.JAVA, "-cp", CliTest.testClasses(),
                "dev.jlockdep.clitest.AbBaThenExit", "0", "both ways");
        assertEquals(0, run.exit(), run.err());
        CliTest.Run check = CliTest.run("check", "--format", "github", dump.toString());
        String key = "circular:[field:dev.jlockdep.clitest.AbBaThenExit.first/0, field:dev.jlockdep.clitest.AbBaThenExit"
                + ".second/0]";
        assertEquals(List.of("::error file=" + CliTest.fromBase("src/test/java/dev/jlockdep/clitest/AbBaThenExit.java")
                + ",line=20,"
                + "title=jlockdep%3A circular::circular AbBaThenExit.second -> AbBaThenExit.first -> AbBaThenExit.second"
                + "%0Akey: " + key,
                "new: circular AbBaThenExit.second -> AbBaThenExit.first -> AbBaThenExit.second (in " + dump + ")",
                "     key: " + key, "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"), check.out().lines().toList());
        assertEquals(1, check.exit());
        // Source roots given: the file is looked for there only; a root that does not hold it leaves the
        // path package-relative.
        CliTest.Run given = CliTest.run("check", "--format", "github", "--source-root", "src/test/java", dump.toString());
        assertEquals(check.out(), given.out());
        CliTest.Run elsewhere = CliTest.run("check", "--format", "github", "--source-root", "src/main/java", dump.toString());
        assertTrue(elsewhere.out().startsWith("::error file=dev/jlockdep/clitest/AbBaThenExit.java,line=20,"),
                elsewhere.out());
    }

    /** One test case per problem the gate looked at: new fails, known passes, triaged and suppressed are skipped. */
    @Test
    void junitHasATestCasePerProblem() throws Exception {
        Path d = CliTest.dump(dir, "four.json", v -> {
            v.suppress(Suppressions.parse("circular:class:E", "rules"));
            CliTest.abba(v, "A", "B");
            CliTest.abba(v, "C", "D");
            CliTest.abba(v, "E", "F");
            Object a = CliTest.named(v, "Node");
            Object b = CliTest.named(v, "Node");
            Object c = CliTest.named(v, "Node");
            CliTest.nest(v, a, b);
            CliTest.nest(v, b, c);
            CliTest.nest(v, a, c);
        });
        Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "circular:[key:C/0, key:D/0]\n");
        Path xml = dir.resolve("jlockdep.xml");
        CliTest.Run check = CliTest.run("check", "--format", "junit", "-o", xml.toString(), "--baseline",
                baseline.toString(), d.toString());
        assertEquals(1, check.exit(), check.err());
        assertEquals("jlockdep: 1 new possible deadlock, 1 known, 1 out of the gate by triage (--all to fail on them),"
                + " 1 suppressed, in 1 dump", check.out().lines().reduce((x, y) -> y).get());
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertEquals(List.of("testsuite", "jlockdep", "4", "1", "2"), List.of(suite.getTagName(), suite.getAttribute("name"),
                suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("skipped")));
        List<String> cases = new ArrayList<>();
        NodeList testCases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element c = (Element) testCases.item(i);
            Element child = c.getFirstChild() == null ? null : (Element) c.getElementsByTagName("*").item(0);
            cases.add(c.getAttribute("classname") + " | " + c.getAttribute("name") + " | "
                    + (child == null ? "passed" : child.getTagName() + ": " + child.getAttribute("message")));
        }
        assertEquals(List.of("jlockdep.circular | circular B -> A -> B | failure: circular B -> A -> B",
                "jlockdep.circular | circular D -> C -> D | passed",
                "jlockdep.recursive | recursive Node | skipped: jlockdep: triage: consistent-order: 3 distinct pairs of Node"
                        + " instances nested, all in one order (the older one outside the newer), none both ways",
                "jlockdep.circular | circular F -> E -> F | skipped: suppressed by rules:1: circular:class:E"), cases);
        CliTest.Run again = CliTest.run("check", "--format", "junit", "-o", xml.toString(), d.toString());
        assertEquals(1, again.exit(), again.err()); // its own file: replaced without --force
    }
}
