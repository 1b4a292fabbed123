package dev.jlockdep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks SARIF as GitHub code scanning would take it: against the official SARIF 2.1.0 JSON schema (with
 * networknt's validator), then with Microsoft's SARIF Multitool ({@code validate}) and its two rule sets,
 * the specification's ({@code Sarif}) and those of GitHub's ingestion ({@code Gh}); a file passes when
 * none reports an error. (The Multitool alone says nothing of a file that breaks the schema.) The
 * Multitool, and the schema it carries, come from the npm registry ({@code @microsoft/sarif-multitool}),
 * installed on first use under {@code ~/.cache/jlockdep/} (or where {@code JLOCKDEP_SARIF_MULTITOOL} names
 * its binary).
 */
public final class SarifValidator {
    private static final String VERSION = "5.7.0";
    private static final int INSTALL_MINUTES = 10;
    private static final int VALIDATE_MINUTES = 3;
    private static Path tool;
    private static JsonSchema schema;

    private SarifValidator() {
    }

    /** Fails the test, naming each error, unless {@code sarif} is a file code scanning accepts. */
    public static void assertAccepted(Path sarif) {
        Path out = sarif.resolveSibling(sarif.getFileName() + ".validation.sarif");
        try {
            List<String> broken = schema().validate(new ObjectMapper().readTree(sarif.toFile())).stream()
                    .map(ValidationMessage::toString).sorted().toList();
            assertEquals(List.of(), broken, sarif + " against the SARIF 2.1.0 schema");
            Files.deleteIfExists(out);
            String printed = run(List.of(multitool().toString(), "validate", "--rule-kind", "Sarif;Gh", "--output",
                    out.toString(), sarif.toString()), VALIDATE_MINUTES);
            if (!Files.exists(out)) {
                throw new AssertionError("the SARIF Multitool wrote no verdict on " + sarif + ":\n" + printed);
            }
            assertEquals(List.of(), errors(Files.readString(out)), sarif + " as code scanning takes it:\n" + printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #assertAccepted(Path)}, for SARIF text. */
    public static void assertAccepted(String sarif, Path dir) {
        try {
            assertAccepted(Files.writeString(Files.createTempFile(dir, "jlockdep-", ".sarif"), sarif));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors of the Multitool's own SARIF log, one line each: rule and message. */
    private static List<String> errors(String log) {
        List<String> errors = new ArrayList<>();
        for (JsonElement run : JsonParser.parseString(log).getAsJsonObject().getAsJsonArray("runs")) {
            JsonElement results = run.getAsJsonObject().get("results");
            if (results == null) {
                continue;
            }
            for (JsonElement r : results.getAsJsonArray()) {
                JsonObject result = r.getAsJsonObject();
                JsonElement level = result.get("level");
                if (level != null && level.getAsString().equals("error")) {
                    errors.add(result.get("ruleId").getAsString() + ": "
                            + result.getAsJsonObject("message").toString());
                }
            }
        }
        return errors;
    }

    /** The SARIF 2.1.0 schema the Multitool's package carries (OASIS's). */
    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            Path file = multitool().resolveSibling("sarif-2.1.0.json");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(new ObjectMapper().readTree(file.toFile()));
        }
        return schema;
    }

    /** The Multitool's binary, installed from npm the first time. */
    private static synchronized Path multitool() throws IOException {
        if (tool != null) {
            return tool;
        }
        String given = System.getenv("JLOCKDEP_SARIF_MULTITOOL");
        if (given != null && !given.isEmpty()) {
            tool = Path.of(given);
            return tool;
        }
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "jlockdep", "sarif-multitool-" + VERSION);
        Path binary = prefix.resolve("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        if (!Files.isRegularFile(binary)) {
            Files.createDirectories(prefix);
            String printed = run(List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "@microsoft/sarif-multitool@" + VERSION), INSTALL_MINUTES);
            if (!Files.isRegularFile(binary)) {
                throw new AssertionError("npm did not install the SARIF Multitool " + VERSION + ":\n" + printed);
            }
        }
        // npm 11 runs no install scripts, the one that makes the binary executable among them.
        if (!binary.toFile().setExecutable(true, true) && !Files.isExecutable(binary)) {
            throw new AssertionError("cannot make " + binary + " executable");
        }
        tool = binary;
        return tool;
    }

    /** Runs a command to its end, its output (both streams) returned. */
    private static String run(List<String> command, int minutes) throws IOException {
        File log = File.createTempFile("jlockdep-sarif-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " took more than " + minutes + " minutes");
            }
            return Files.readString(log.toPath(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
