package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source paths as code scanning and annotations resolve them: from the git work tree's root, every module's roots. */
class SourcePlacesTest {
    @TempDir
    Path dir;

    private static LoadedDump.DumpLocation at(String className, String file) {
        return new LoadedDump.DumpLocation("acquiring", className, "run", file, 7);
    }

    private Path source(String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "// a source\n");
    }

    @Test
    void inAGitWorkTreePathsAreFromItsRootAndEveryModuleIsSearched() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        source("bank/src/main/java/dev/acme/Bank.java");
        source("ledger/src/test/java/dev/acme/LedgerTest.java");
        source("bank/target/generated/src/main/java/dev/acme/Gen.java"); // a build output: never a root
        SourcePlaces fromModule = new SourcePlaces(List.of(), dir.resolve("bank"));
        assertEquals(dir, fromModule.base());
        assertEquals("bank/src/main/java/dev/acme/Bank.java", fromModule.file(at("dev.acme.Bank", "Bank.java")));
        assertEquals("ledger/src/test/java/dev/acme/LedgerTest.java",
                fromModule.file(at("dev.acme.LedgerTest$1", "LedgerTest.java")));
        assertEquals("dev/acme/Gen.java", fromModule.file(at("dev.acme.Gen", "Gen.java")));
        // Roots given are relative to the current directory; the paths stay relative to the root.
        SourcePlaces given = new SourcePlaces(List.of(Path.of("src/main/java")), dir.resolve("bank"));
        assertEquals("bank/src/main/java/dev/acme/Bank.java", given.file(at("dev.acme.Bank", "Bank.java")));
        assertEquals("dev/acme/LedgerTest.java", given.file(at("dev.acme.LedgerTest", "LedgerTest.java")));
    }

    /** Frames of the JDK, the test frameworks and jlockdep are not the application's; the user's tests are. */
    @Test
    void onlyTheUsersOwnFramesAreTheApplications() {
        for (String c : List.of("java.util.Vector", "jdk.internal.misc.Unsafe", "org.junit.platform.launcher.core.X",
                "junit.framework.TestCase", "org.apache.maven.surefire.booter.ForkedBooter", "dev.jlockdep.junit.Y",
                "dev.jlockdep.core.Validator")) {
            assertFalse(SourcePlaces.isApplication(at(c, "X.java")), c);
        }
        for (String c : List.of("dev.acme.Bank", "dev.acme.BankTest", "org.apache.commons.pool2.impl.GenericObjectPool",
                "dev.jlockdep.clitest.AbBaThenExit")) {
            assertTrue(SourcePlaces.isApplication(at(c, "X.java")), c);
        }
        assertFalse(SourcePlaces.isApplication(at("dev.acme.Bank", null)), "no source file");
    }

    @Test
    void outsideAGitWorkTreePathsAreFromTheCurrentDirectory() throws IOException {
        source("bank/src/main/java/dev/acme/Bank.java");
        source("ledger/src/test/java/dev/acme/LedgerTest.java");
        Path module = dir.resolve("bank");
        SourcePlaces places = new SourcePlaces(List.of(), module);
        // A temporary directory may itself lie in a work tree: then this case cannot be made here (skipped, said).
        assumeTrue(SourcePlaces.gitRootAbove(module).isEmpty(), "the temporary directory lies in a git work tree");
        assertEquals(module, places.base());
        assertEquals("src/main/java/dev/acme/Bank.java", places.file(at("dev.acme.Bank", "Bank.java")));
        assertEquals("dev/acme/LedgerTest.java", places.file(at("dev.acme.LedgerTest", "LedgerTest.java")));
    }
}
