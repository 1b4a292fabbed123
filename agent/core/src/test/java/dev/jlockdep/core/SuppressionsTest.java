package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlockdep.core.model.ReportKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules read from a file's text, one per line, and matched against a report's facts. */
class SuppressionsTest {
    private static Suppressions.Facts facts(ReportKind kind, String thread, List<String> keys, List<String> frames) {
        return new Suppressions.Facts(kind, thread, keys, frames);
    }

    @Test
    void linesEndedEitherWayCommentsAndBlanksAreReadWithTheirNumbers() {
        Suppressions rules = Suppressions.parse("# ours\r\n\r\ncircular:frame:com.acme.Pool.*\r\n"
                + "  recursive:class:com.acme.Node  \n*:thread:worker-?", "rules.txt");
        assertEquals("rules.txt:3: circular:frame:com.acme.Pool.*", rules.match(facts(ReportKind.CIRCULAR, "main",
                List.of(), List.of("com.acme.Pool.grow"))));
        assertEquals("rules.txt:4: recursive:class:com.acme.Node", rules.match(facts(ReportKind.RECURSIVE, "main",
                List.of("field:com.acme.Node"), List.of())), "a key's part after a colon, the line stripped");
        assertEquals("rules.txt:5: *:thread:worker-?", rules.match(facts(ReportKind.CIRCULAR, "worker-7",
                List.of(), List.of())));
    }

    @Test
    void globsMatchWholeNamesWithStarForAnythingAndQuestionMarkForOneCharacter() {
        Suppressions rules = Suppressions.parse("*:thread:worker-?\ncircular:frame:a.B.c", "r");
        assertNull(rules.match(facts(ReportKind.CIRCULAR, "worker-12", List.of(), List.of())), "? is one character");
        assertNull(rules.match(facts(ReportKind.CIRCULAR, "x", List.of(), List.of("a.B.cd"))), "the whole name");
        assertNull(rules.match(facts(ReportKind.CIRCULAR, "x", List.of(), List.of("aXB.c"))), "a dot is a dot");
        assertEquals("r:1: *:thread:worker-?", rules.match(facts(ReportKind.RECURSIVE, "worker-1", List.of(),
                List.of())), "a rule of any kind");
    }

    @Test
    void aLineThatIsNoRuleIsOneLineNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Suppressions.parse("circular:frame:ok\r\ncircle:frame:x\n", "rules.txt"));
        assertEquals("rules.txt line 2: not a suppression (expected KIND:class|frame|thread:GLOB, such as"
                + " recursive:frame:com.acme.Tree.walk)", e.getMessage());
    }
}
