package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.report.JsonDump;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless Chromium (Debian's package; .ci/run installs it): it renders
 * (a screenshot), logs no console error, and hostile lock names stay text, never markup.
 */
class HtmlInChromiumTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("jlockdep.chromium", "/usr/bin/chromium"));
    private static final String HOSTILE = "<script>alert('x')</script>&\"quoted\"";

    @TempDir
    Path dir;

    @Test
    void theReportRendersWithoutErrorsAndEscapesEveryName() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium expected at " + CHROMIUM + " (apt-get install chromium)");
        Validator v = new Validator(new Validator.Config(false, 8, "test 1.0", "1.0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        Object a = new Object();
        Object b = new Object();
        v.name(a, "key:a", HOSTILE, WaitType.SLEEP);
        v.name(b, "key:b", "Account.lock", WaitType.SLEEP);
        Thread t = new Thread(() -> nest(v, a, b));
        t.start();
        t.join();
        nest(v, b, a);
        Path dump = dir.resolve("dump.json");
        JsonDump.write(v.snapshot(), dump);
        Path html = dir.resolve("report.html");
        StringWriter err = new StringWriter();
        int exit = JlockdepCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("report", "--format", "html", "-o", html.toString(), dump.toString());
        assertEquals(0, exit, err.toString());
        String page = Files.readString(html);
        assertTrue(!page.contains("<script"), "no markup from a lock name");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;quoted&quot;"), page);

        Path png = dir.resolve("report.png");
        Result shot = chromium("--window-size=1000,1400", "--screenshot=" + png, html.toUri().toString());
        assertEquals(0, shot.exit, shot.err);
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 10_000, "a real screenshot, not an empty page: " + image.length + " bytes");
        assertEquals("\u0089PNG", new String(image, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(shot.err.lines().noneMatch(l -> l.contains("CONSOLE") || l.contains("Uncaught")), shot.err);

        Result dom = chromium("--dump-dom", html.toUri().toString());
        assertEquals(0, dom.exit, dom.err);
        assertTrue(dom.out.contains("<h1>jlockdep report</h1>"), dom.out);
        assertEquals(1, dom.out.split("<section ", -1).length - 1, "one report section");
        assertTrue(!dom.out.contains("<script"), "the browser found no script element");
        assertTrue(dom.out.contains("&lt;script&gt;alert('x')&lt;/script&gt;&amp;\"quoted\""), "the name is text");
        assertTrue(dom.out.contains("<line class=\"dep cycle\""), "the cycle is drawn");
    }

    private static void nest(Validator v, Object outer, Object inner) {
        v.acquire(outer, 0, 0, 0, false);
        v.acquire(inner, 0, 0, 0, false);
        v.release(inner, 0, 0);
        v.release(outer, 0, 0);
    }

    private record Result(int exit, String out, String err) {
    }

    private Result chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
