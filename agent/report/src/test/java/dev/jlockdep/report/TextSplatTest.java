package dev.jlockdep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report text details the end-to-end tests do not reach: read acquisitions in the scenario table. */
class TextSplatTest {
    private static final Frame AT = new Frame("a.B", "c", "B.java", 7);

    @Test
    void readAcquisitionsPrintRlockInCpu0sColumn() {
        LockRef trying = new LockRef("0000000000000001", "k:seq", "&s->seqcount#2", "(&s->seqcount#2){....}-{0:0}",
                LockMode.RECURSIVE_READ, AT);
        LockRef holding = new LockRef("0000000000000002", "k:pid", "pidmap_lock", "(pidmap_lock){....}-{2:2}",
                LockMode.READ, AT);
        CircularReport r = new CircularReport("ident Not tainted", "runc/7867", trying, holding,
                List.of(new ChainLink(1, "k:pid", holding.bareName(), holding.decorated(), List.of(AT), List.of()),
                        new ChainLink(0, "k:seq", trying.bareName(), trying.decorated(), List.of(AT), List.of())),
                "&s->seqcount#2", false, List.of(), List.of(holding), List.of(AT), "p", false);
        String text = TextSplat.render(r);
        String table = text.substring(text.indexOf(" Possible unsafe"), text.indexOf("jlockdep:"));
        assertEquals("""
                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  rlock(pidmap_lock);
                                               lock(&s->seqcount#2);
                                               lock(pidmap_lock);
                  rlock(&s->seqcount#2);

                 *** DEADLOCK ***

                """, table);
        assertEquals("jlockdep: class level only: the cycle never closed on the same instances"
                + " (a false positive if these instances can never meet)", text.lines()
                .filter(l -> l.startsWith("jlockdep:")).findFirst().orElseThrow());
    }
}
