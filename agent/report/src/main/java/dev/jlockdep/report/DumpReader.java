package dev.jlockdep.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.core.model.Triage;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads a dump written by {@link JsonDump}, checking everything it relies on. Anything wrong (missing,
 * empty, truncated, another schema or version, a field missing or of the wrong type, a dependency on
 * an unknown class, absurd sizes) is a {@link BadDumpException} whose message is one line naming the
 * file and the problem.
 */
public final class DumpReader {
    /** Dumps larger than this are refused rather than read into memory. */
    static final long MAX_BYTES = 2L << 30;
    /** Deeper JSON than any dump has is refused before it can exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    /** A dump that cannot be used; the message is the one line to print. */
    public static final class BadDumpException extends Exception {
        public BadDumpException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    private DumpReader() {
    }

    public static LoadedDump read(Path file) throws BadDumpException {
        return read(file, bytes -> { });
    }

    /**
     * Reads a dump, telling {@code progress} how many bytes of it were read so far as it goes. The
     * classes and dependencies are read one at a time, never as one tree: a dump of a million
     * dependencies is read in seconds and in the memory of what it holds.
     */
    public static LoadedDump read(Path file, LongConsumer progress) throws BadDumpException {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new BadDumpException(file, "empty file, not a jlockdep dump");
            }
            if (size > MAX_BYTES) {
                throw new BadDumpException(file, "too large for a dump (" + size + " bytes)");
            }
            try (Reader r = new InputStreamReader(new CountingStream(Files.newInputStream(file), progress),
                    StandardCharsets.UTF_8)) {
                return read(file, r);
            }
        } catch (NoSuchFileException e) {
            throw new BadDumpException(file, "no such file");
        } catch (IOException e) {
            throw new BadDumpException(file, "cannot be read: " + e.getMessage());
        }
    }

    /** A dump that is not a file (one a running agent sent): {@code name} stands for it in the messages. */
    public static LoadedDump read(Path name, Reader in) throws BadDumpException {
        try {
            return read(name, new JsonReader(new BufferedReader(in, 1 << 16)));
        } catch (java.io.EOFException e) {
            throw new BadDumpException(name, "truncated: the JSON ends before the dump does");
        } catch (com.google.gson.stream.MalformedJsonException e) {
            throw new BadDumpException(name, "not valid JSON (" + oneLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new BadDumpException(name, "cannot be read: " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new BadDumpException(name, "not valid JSON (" + oneLine(e.getMessage()) + ")");
        }
    }

    /** The top-level object field by field: the two long lists streamed, the rest as small trees. */
    private static LoadedDump read(Path file, JsonReader in) throws IOException, BadDumpException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            parse(in, 0);
            throw new BadDumpException(file, "the dump is not a JSON object");
        }
        JsonObject top = new JsonObject();
        List<LoadedDump.DumpClass> classes = new ArrayList<>();
        List<LoadedDump.DumpDependency> dependencies = new ArrayList<>();
        List<LoadedDump.DumpFrame> frames = new ArrayList<>();
        List<int[]> stacks = new ArrayList<>();
        Map<String, String> threads = new HashMap<>(); // a thread's name once, however many dependencies it made
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "classes" -> {
                    eachItem(file, in, name, c -> classes.add(dumpClass(c)));
                    top.add(name, new JsonArray()); // present; its items are in the list
                }
                case "dependencies" -> {
                    eachItem(file, in, name, d -> dependencies.add(dependency(file, d, threads)));
                    top.add(name, new JsonArray());
                }
                case "frames" -> eachItem(file, in, name, f -> frames.add(new LoadedDump.DumpFrame(f.string("class"),
                        f.string("method"), f.optionalString("file"), f.integer("line"))));
                case "stacks" -> stacks(file, in, stacks);
                default -> top.add(name, parse(in, 1));
            }
        }
        in.endObject();
        return fromJson(file, new Fields(file, "the dump", top), classes, dependencies, stacks(file, frames, stacks));
    }

    /** The stacks: lists of frame indexes, read without a tree (a dump has many). */
    private static void stacks(Path file, JsonReader in, List<int[]> into) throws IOException, BadDumpException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            parse(in, 1);
            throw new BadDumpException(file, "the dump: \"stacks\" is not a list");
        }
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            if (in.peek() != JsonToken.BEGIN_ARRAY) {
                parse(in, 2);
                throw new BadDumpException(file, "stacks[" + i + "] is not a list");
            }
            List<Integer> stack = new ArrayList<>();
            in.beginArray();
            while (in.hasNext()) {
                if (in.peek() != JsonToken.NUMBER) {
                    parse(in, 3);
                    throw new BadDumpException(file, "stacks[" + i + "] holds something that is not a frame's index");
                }
                stack.add(in.nextInt());
            }
            in.endArray();
            into.add(stack.stream().mapToInt(Integer::intValue).toArray());
        }
        in.endArray();
    }

    /** The stacks with their frames, each index checked. */
    private static List<List<LoadedDump.DumpFrame>> stacks(Path file, List<LoadedDump.DumpFrame> frames, List<int[]> stacks)
            throws BadDumpException {
        List<List<LoadedDump.DumpFrame>> resolved = new ArrayList<>(stacks.size());
        for (int i = 0; i < stacks.size(); i++) {
            List<LoadedDump.DumpFrame> stack = new ArrayList<>();
            for (int f : stacks.get(i)) {
                if (f < 0 || f >= frames.size()) {
                    throw new BadDumpException(file, "stacks[" + i + "] names frame " + f + ", which the dump does not define");
                }
                stack.add(frames.get(f));
            }
            resolved.add(List.copyOf(stack));
        }
        return resolved;
    }

    /** What is done with each object of a streamed list. */
    @FunctionalInterface
    private interface Item {
        void accept(Fields item) throws BadDumpException;
    }

    /** The objects of a list, each parsed and handed on before the next is read. */
    private static void eachItem(Path file, JsonReader in, String name, Item each) throws IOException,
            BadDumpException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            parse(in, 1);
            throw new BadDumpException(file, "the dump: \"" + name + "\" is not a list");
        }
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                parse(in, 2);
                throw new BadDumpException(file, name + "[" + i + "] is not a JSON object");
            }
            each.accept(new Fields(file, name, i, fieldsOf(in)));
        }
        in.endArray();
    }

    /** An object's fields in a plain hash map: a million of them cost less than Gson's tree maps. */
    private static Map<String, JsonElement> fieldsOf(JsonReader in) throws IOException {
        Map<String, JsonElement> fields = new HashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            fields.put(name, parse(in, 3));
        }
        in.endObject();
        return fields;
    }

    /** A JSON tree, refusing nesting deeper than {@link #MAX_DEPTH}. */
    private static JsonElement parse(JsonReader in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonParseException("nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    o.add(name, parse(in, depth + 1));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    a.add(parse(in, depth + 1));
                }
                in.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                try {
                    return new JsonPrimitive(in.nextLong()); // ids and counts: no text, no BigDecimal
                } catch (NumberFormatException notALong) {
                    return new JsonPrimitive(new java.math.BigDecimal(in.nextString())); // still pending
                }
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return com.google.gson.JsonNull.INSTANCE;
            }
            default -> throw new JsonParseException("unexpected " + in.peek() + " at " + in.getPath());
        }
    }

    private static LoadedDump.DumpClass dumpClass(Fields c) throws BadDumpException {
        int subclass = c.integer("subclass");
        if (subclass < 0 || subclass > 7) {
            throw new BadDumpException(c.file(), "class " + c.integer("id") + " has subclass " + subclass + " (0 to 7)");
        }
        return new LoadedDump.DumpClass(c.integer("id"), c.string("key"), subclass, c.string("name"),
                c.string("bareName"));
    }

    private static LoadedDump.DumpDependency dependency(Path file, Fields d, Map<String, String> threads)
            throws BadDumpException {
        int kinds = 0;
        for (String k : d.strings("kinds")) {
            int bit = DependencyKind.bit(k);
            if (bit == 0) {
                throw new BadDumpException(file, "unknown dependency kind \"" + shorten(k) + "\"");
            }
            kinds |= bit;
        }
        String thread = threads.computeIfAbsent(d.string("thread"), t -> t);
        return new LoadedDump.DumpDependency(d.integer("from"), d.integer("to"), kinds, thread,
                d.object().get("stack") == null ? -1 : d.integer("stack"));
    }

    /** Checks the header, and what the streamed lists refer to, once everything is read. */
    private static LoadedDump fromJson(Path file, Fields top, List<LoadedDump.DumpClass> classes,
                                       List<LoadedDump.DumpDependency> dependencies,
                                       List<List<LoadedDump.DumpFrame>> stacks) throws BadDumpException {
        if (!JsonDump.SCHEMA.equals(top.string("schema"))) {
            throw new BadDumpException(file, "not a jlockdep dump (schema is not \"" + JsonDump.SCHEMA + "\")");
        }
        int version = top.integer("version");
        if (version != 1 && version != JsonDump.VERSION) {
            throw new BadDumpException(file, "dump version " + version + " is not supported (this jlockdep reads versions 1 to "
                    + JsonDump.VERSION + ")");
        }
        top.field("classes");
        top.field("dependencies");
        Set<Integer> ids = new HashSet<>();
        for (LoadedDump.DumpClass c : classes) {
            if (!ids.add(c.id())) {
                throw new BadDumpException(file, "class id " + c.id() + " appears twice");
            }
        }
        for (LoadedDump.DumpDependency d : dependencies) {
            if (!ids.contains(d.from()) || !ids.contains(d.to())) {
                throw new BadDumpException(file, "a dependency names class " + (ids.contains(d.from()) ? d.to() : d.from())
                        + ", which the dump does not define");
            }
            if (d.stack() < -1 || d.stack() >= stacks.size()) {
                throw new BadDumpException(file, "a dependency names stack " + d.stack() + ", which the dump does not define");
            }
        }
        List<LoadedDump.DumpReport> reports = new ArrayList<>();
        for (Fields r : top.objects("reports")) {
            ReportKind kind = ReportKind.fromDumpName(r.string("kind"));
            if (kind == null) {
                throw new BadDumpException(file, r.where() + ": \"kind\" is not a kind of report");
            }
            boolean circular = kind == ReportKind.CIRCULAR;
            List<LoadedDump.DumpLocation> locations = new ArrayList<>();
            for (Fields l : r.objects("locations")) {
                locations.add(new LoadedDump.DumpLocation(l.string("role"), l.string("class"), l.string("method"),
                        l.optionalString("file"), l.integer("line")));
            }
            Fields facts = r.object().get("facts") == null ? null
                    : new Fields(file, r.where() + ".facts", r.object().get("facts"));
            reports.add(new LoadedDump.DumpReport(kind, r.string("problem"), r.string("thread"),
                    circular ? r.strings("chain") : List.of(), circular && r.bool("confirmed"), locations,
                    r.string("text"), triage(file, r), r.optionalString("suppressed"),
                    facts == null ? List.of() : facts.strings("classes"),
                    facts == null ? List.of() : facts.strings("frames"), r.optionalString("test")));
        }
        Fields stats = new Fields(file, "\"stats\"", top.object().get("stats"));
        return new LoadedDump(file, top.string("jvm"), top.string("agent"), stats.count("chains"),
                stats.optionalCount("chainsEvicted"), stats.optionalCount("heldBack"),
                stats.count("instances"), stats.count("maxDepth"), stats.optionalCount("classesInstrumented"),
                stats.object().get("validating") == null ? null : stats.bool("validating"), classes, dependencies, stacks,
                reports);
    }

    /** A report's triage; credible in a dump written before there was any. */
    private static Triage triage(Path file, Fields report) throws BadDumpException {
        if (report.object().get("triage") == null) {
            return Triage.CREDIBLE;
        }
        Fields t = new Fields(file, report.where() + ".triage", report.object().get("triage"));
        Triage.Verdict verdict = Triage.Verdict.fromDumpName(t.string("verdict"));
        if (verdict == null) {
            throw new BadDumpException(file, t.where() + ": \"verdict\" is not a verdict");
        }
        return new Triage(verdict, t.string("why"));
    }

    /**
     * Typed access to an object's fields, with one-line errors naming it as {@code list[index]} (or
     * {@code list} alone for an index below 0); the name is only built for an error.
     */
    private record Fields(Path file, String list, int index, Map<String, JsonElement> object) {
        Fields(Path file, String list, int index, JsonElement element) throws BadDumpException {
            this(file, list, index, asObject(file, index < 0 ? list : list + "[" + index + "]", element));
        }

        Fields(Path file, String where, JsonElement element) throws BadDumpException {
            this(file, where, -1, element);
        }

        private static Map<String, JsonElement> asObject(Path file, String where, JsonElement e) throws BadDumpException {
            if (e == null || !e.isJsonObject()) {
                throw new BadDumpException(file, where + " is not a JSON object");
            }
            return e.getAsJsonObject().asMap();
        }

        String where() {
            return index < 0 ? list : list + "[" + index + "]";
        }

        private JsonElement field(String name) throws BadDumpException {
            JsonElement e = object.get(name);
            if (e == null || e.isJsonNull()) {
                throw new BadDumpException(file, where() + " has no \"" + name + "\"");
            }
            return e;
        }

        String string(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a string");
            }
            return e.getAsString();
        }

        /** A string that may be absent (a frame without a source file); null then. */
        String optionalString(String name) throws BadDumpException {
            JsonElement e = object.get(name);
            return e == null || e.isJsonNull() ? null : string(name);
        }

        int integer(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a number");
            }
            try {
                return Math.toIntExact(whole(e));
            } catch (ArithmeticException x) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a whole number in range");
            }
        }

        /** A count that older dumps lack; -1 then. */
        long optionalCount(String name) throws BadDumpException {
            return object.get(name) == null ? -1 : count(name);
        }

        long count(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a number");
            }
            try {
                long n = whole(e);
                if (n >= 0) {
                    return n;
                }
            } catch (ArithmeticException x) {
                // reported below
            }
            throw new BadDumpException(file, where() + ": \"" + name + "\" is not a count");
        }

        /** A number's exact whole value; an ArithmeticException if it has none in a long. */
        private static long whole(JsonElement e) {
            Number n = e.getAsNumber();
            return n instanceof Long l ? l : ((java.math.BigDecimal) n).longValueExact();
        }

        boolean bool(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not true or false");
            }
            return e.getAsBoolean();
        }

        List<Fields> objects(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonArray()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a list");
            }
            List<Fields> out = new ArrayList<>();
            int i = 0;
            for (JsonElement item : e.getAsJsonArray()) {
                out.add(new Fields(file, name, i++, item));
            }
            return out;
        }

        List<String> strings(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonArray()) {
                throw new BadDumpException(file, where() + ": \"" + name + "\" is not a list");
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                    throw new BadDumpException(file, where() + ": \"" + name + "\" holds something other than strings");
                }
                out.add(item.getAsString());
            }
            return out;
        }
    }

    /** Tells how many bytes were read so far, after each read. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                progress.accept(count += n);
            }
            return n;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "malformed" : shorten(message.lines().findFirst().orElse("malformed"));
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
