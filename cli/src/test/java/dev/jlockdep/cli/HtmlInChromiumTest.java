package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
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
 * (a screenshot), logs no console error, and hostile lock names stay text, never markup; a real agent's
 * dump of one problem gives its table of contents, its section with the cycle's own diagram, stacks with
 * application frames first and the rest folded, source links and the baseline's verdict; at 2,000 lock
 * classes the page stays small and its graph at most 50 classes. In every page the browser finds no two
 * labels overlapping, none cut off by its drawing, and no text under 12 px.
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

    @Test
    void onePageOfARealProblemReadsAsOneSectionWithItsCycleAndLinks() throws Exception {
        Path src = Path.of("target", "html-it", "src").toAbsolutePath();
        Files.createDirectories(src.resolve("demo"));
        Path program = src.resolve("demo").resolve("Bank.java");
        Files.writeString(program, BANK);
        Path dump = dir.resolve("bank.json");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AgentJar.find(null) + "=dump=" + dump, program.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bank.out").toFile()).start();
        assertTrue(java.waitFor(300, TimeUnit.SECONDS), "the program ends");
        assertEquals(0, java.exitValue(), Files.readString(dir.resolve("bank.out")));
        Path baseline = dir.resolve("baseline.txt");
        assertEquals(0, cli("check", dump.toString(), "--write-baseline", baseline.toString()).exit);
        Path html = dir.resolve("bank.html");
        Result made = cli("report", "--format", "html", "--baseline", baseline.toString(), "--source-root", src.toString(),
                "--source-url", "https://example.org/bank/blob/main/{path}#L{line}", "-o", html.toString(), dump.toString());
        assertEquals(0, made.exit, made.err);
        String page = Files.readString(html);
        String path = SourcePlaces.gitRootAbove(src).map(root -> root.relativize(program)).orElse(program).toString().replace('\\', '/');
        List<String> facts = List.of(
                "<tr><td>1</td><td><a href=\"#problem-1\">circular Bank.inventory -&gt; Bank.ledger -&gt; Bank.inventory</a></td>"
                        + "<td>circular</td><td>confirmed</td><td>fails the gate</td><td>known</td><td>bank.json</td></tr>",
                "<section id=\"problem-1\" class=\"problem gated\">",
                ">Bank.post (Bank.java:7)</text>",
                ">1: Bank.inventory -&gt; Bank.ledger at Bank.refund (Bank.java:11)</text>",
                "<li><a href=\"https://example.org/bank/blob/main/" + path + "#L7\">demo.Bank.post(Bank.java:7)</a></li>",
                "<details><summary>1 framework frame</summary>",
                "java.lang.Thread.run(Thread.java:");
        for (String f : facts) {
            assertTrue(page.contains(f), f + "\n" + page);
        }
        assertEquals(1, page.split("<section ", -1).length - 1, "one problem, one section");
        Layout layout = layoutInChromium(html, "bank");
        assertEquals(List.of(List.of(), List.of(), List.of()), List.of(layout.overlaps, layout.clipped, layout.small), layout.toString());
        assertTrue(layout.texts >= 6, layout.toString());
    }

    @Test
    void atTwoThousandClassesThePageIsSmallAndItsGraphAtMostFiftyClasses() throws Exception {
        Validator v = new Validator(new Validator.Config(false, 8, "test 1.0", "1.0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        int n = 2000;
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
            v.name(locks[i], "key:" + i, "com.example.service.layer.Component" + i + ".lock", WaitType.SLEEP);
        }
        for (int i = 1; i < n; i++) {
            nest(v, locks[0], locks[i]); // a hub: every class is its neighbour
            nest(v, locks[i - 1], locks[i]);
        }
        nest(v, locks[5], locks[1]); // a cycle of five classes
        nest(v, locks[1900], locks[1800]); // and one of a hundred and one
        Path dump = dir.resolve("big.json");
        JsonDump.write(v.snapshot(), dump);
        Path html = dir.resolve("big.html");
        Result made = cli("report", "--format", "html", "-o", html.toString(), dump.toString());
        assertEquals(0, made.exit, made.err);
        long size = Files.size(html);
        assertTrue(size <= 300_000, "at most 300 KB: " + size);
        String page = Files.readString(html);
        assertEquals(2, page.split("<section ", -1).length - 1, "two problems");
        Layout layout = layoutInChromium(html, "big");
        assertEquals(List.of(List.of(), List.of(), List.of()), List.of(layout.overlaps, layout.clipped, layout.small), layout.toString());
        assertEquals(50, layout.graphNodes, "the graph's classes: the 50 first of the problems");
    }

    private static final String BANK = """
            package demo;

            public class Bank {
                static final Object ledger = new Object();
                static final Object inventory = new Object();

                static void post() { synchronized (ledger) { synchronized (inventory) { } } }

                static void refund() {
                    synchronized (inventory) {
                        synchronized (ledger) { }
                    }
                }

                public static void main(String[] args) throws Exception {
                    Thread t = new Thread(Bank::post);
                    t.start();
                    t.join();
                    refund();
                }
            }
            """;

    /** What the browser measured of a page's text: overlapping labels, labels outside their drawing, text under 12 px. */
    private record Layout(int texts, int graphNodes, List<String> overlaps, List<String> clipped, List<String> small) {
    }

    /** The check, as a script added to a copy of the page (the page itself has none), its findings read from the DOM. */
    private static final String LAYOUT_CHECK = """
            <script>
            const texts = [...document.querySelectorAll('svg text')];
            const boxes = texts.map(t => t.getBoundingClientRect());
            const overlaps = [], clipped = [];
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i], b = boxes[j];
                if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                  overlaps.push(texts[i].textContent + ' / ' + texts[j].textContent);
                }
              }
              const svg = texts[i].ownerSVGElement.getBoundingClientRect(), t = boxes[i];
              if (t.left < svg.left || t.right > svg.right || t.top < svg.top || t.bottom > svg.bottom) {
                clipped.push(texts[i].textContent);
              }
            }
            const small = [...document.querySelectorAll('body *')]
              .filter(e => [...e.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
              .filter(e => parseFloat(getComputedStyle(e).fontSize) < 12)
              .map(e => e.tagName + ': ' + e.textContent.slice(0, 40));
            const out = document.createElement('pre');
            out.id = 'layout';
            out.textContent = JSON.stringify({texts: texts.length, graphNodes: document.querySelectorAll('svg.graph circle').length,
              overlaps, clipped, small});
            document.body.appendChild(out);
            </script>
            """;

    /** The page in Chromium: a screenshot, then the layout check's findings. */
    private Layout layoutInChromium(Path html, String name) throws Exception {
        Path png = Files.createDirectories(Path.of("target", "html-it")).resolve(name + ".png"); // kept, to look at
        Result shot = chromium("--window-size=1280,1600", "--screenshot=" + png, html.toUri().toString());
        assertEquals(0, shot.exit, shot.err);
        assertTrue(Files.size(png) > 10_000, "a real screenshot, not an empty page");
        assertTrue(shot.err.lines().noneMatch(l -> l.contains("CONSOLE") || l.contains("Uncaught")), shot.err);
        Path checked = dir.resolve(name + "-checked.html");
        Files.writeString(checked, Files.readString(html).replace("</body>", LAYOUT_CHECK + "</body>"));
        Result dom = chromium("--window-size=1280,1600", "--dump-dom", checked.toUri().toString());
        assertEquals(0, dom.exit, dom.err);
        int start = dom.out.indexOf("<pre id=\"layout\">");
        assertTrue(start >= 0, "the check ran: " + dom.err);
        String json = dom.out.substring(start + "<pre id=\"layout\">".length(), dom.out.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return new Gson().fromJson(json, Layout.class);
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JlockdepCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
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
