package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jlockdep.report.LoadedDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLinksTest {
    @TempDir
    Path dir;

    /** A root whose first directory has a colon in its name: the link is encoded, not broken. */
    @Test
    void aPathWithAColonInItsFirstSegmentIsEncoded() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path root = Files.createDirectories(repo.resolve("a:b/src"));
        Files.createDirectories(root.resolve("demo"));
        Files.writeString(root.resolve("demo/Bank.java"), "class Bank {}");
        SourceLinks links = SourceLinks.of("https://example.org/{path}#L{line}", new SourcePlaces(List.of(root), repo));
        assertEquals("https://example.org/a:b/src/demo/Bank.java#L7",
                links.link(new LoadedDump.DumpFrame("demo.Bank", "post", "Bank.java", 7)));
    }

    /** A root outside the repository would put a local absolute path into the link: no link. */
    @Test
    void aRootOutsideTheRepositoryGivesNoLink() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere/demo"));
        Files.writeString(outside.resolve("Bank.java"), "class Bank {}");
        SourceLinks links = SourceLinks.of("https://example.org/{path}#L{line}",
                new SourcePlaces(List.of(dir.resolve("elsewhere")), repo));
        assertNull(links.link(new LoadedDump.DumpFrame("demo.Bank", "post", "Bank.java", 7)));
    }
}
