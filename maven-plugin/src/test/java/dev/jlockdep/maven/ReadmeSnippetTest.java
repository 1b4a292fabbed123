package dev.jlockdep.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's plugin block is the one the sample builds use, with this build's version in it. */
class ReadmeSnippetTest {
    @Test
    void readmeShowsTheSamplesPluginBlock() throws IOException {
        String pom = Files.readString(Path.of("src/it/abba/pom.xml"));
        int start = pom.lastIndexOf("      <plugin>", pom.indexOf("<artifactId>jlockdep-maven-plugin</artifactId>"));
        int end = pom.indexOf("</plugin>", start) + "</plugin>".length();
        String block = pom.substring(start, end).replace("@jlockdep.version@", System.getProperty("jlockdep.version"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```xml\n" + block + "\n```"), "README lacks the sample's plugin block:\n" + block);
    }
}
