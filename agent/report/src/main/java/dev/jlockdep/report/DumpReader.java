package dev.jlockdep.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import dev.jlockdep.core.Dependency;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new BadDumpException(file, "empty file, not a jlockdep dump");
            }
            if (size > MAX_BYTES) {
                throw new BadDumpException(file, "too large for a dump (" + size + " bytes)");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonElement root = parse(new JsonReader(r), 0);
                return fromJson(file, root);
            }
        } catch (NoSuchFileException e) {
            throw new BadDumpException(file, "no such file");
        } catch (java.io.EOFException e) {
            throw new BadDumpException(file, "truncated: the JSON ends before the dump does");
        } catch (com.google.gson.stream.MalformedJsonException e) {
            throw new BadDumpException(file, "not valid JSON (" + oneLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new BadDumpException(file, "cannot be read: " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new BadDumpException(file, "not valid JSON (" + oneLine(e.getMessage()) + ")");
        }
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
                return new JsonPrimitive(new java.math.BigDecimal(in.nextString()));
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

    private static LoadedDump fromJson(Path file, JsonElement root) throws BadDumpException {
        Fields top = new Fields(file, "the dump", root);
        if (!JsonDump.SCHEMA.equals(top.string("schema"))) {
            throw new BadDumpException(file, "not a jlockdep dump (schema is not \"" + JsonDump.SCHEMA + "\")");
        }
        int version = top.integer("version");
        if (version != JsonDump.VERSION) {
            throw new BadDumpException(file, "dump version " + version + " is not supported (this jlockdep reads version "
                    + JsonDump.VERSION + ")");
        }
        List<LoadedDump.DumpClass> classes = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (Fields c : top.objects("classes")) {
            int id = c.integer("id");
            if (!ids.add(id)) {
                throw new BadDumpException(file, "class id " + id + " appears twice");
            }
            int subclass = c.integer("subclass");
            if (subclass < 0 || subclass > 7) {
                throw new BadDumpException(file, "class " + id + " has subclass " + subclass + " (0 to 7)");
            }
            classes.add(new LoadedDump.DumpClass(id, c.string("key"), subclass, c.string("name"), c.string("bareName")));
        }
        List<LoadedDump.DumpDependency> dependencies = new ArrayList<>();
        for (Fields d : top.objects("dependencies")) {
            int from = d.integer("from");
            int to = d.integer("to");
            if (!ids.contains(from) || !ids.contains(to)) {
                throw new BadDumpException(file, "a dependency names class " + (ids.contains(from) ? to : from)
                        + ", which the dump does not define");
            }
            int kinds = 0;
            for (String k : d.strings("kinds")) {
                int bit = Dependency.kindBit(k);
                if (bit == 0) {
                    throw new BadDumpException(file, "unknown dependency kind \"" + shorten(k) + "\"");
                }
                kinds |= bit;
            }
            dependencies.add(new LoadedDump.DumpDependency(from, to, kinds, d.string("thread")));
        }
        List<LoadedDump.DumpReport> reports = new ArrayList<>();
        for (Fields r : top.objects("reports")) {
            String kind = r.string("kind");
            boolean circular = kind.equals("circular");
            List<LoadedDump.DumpLocation> locations = new ArrayList<>();
            for (Fields l : r.objects("locations")) {
                locations.add(new LoadedDump.DumpLocation(l.string("role"), l.string("class"), l.string("method"),
                        l.optionalString("file"), l.integer("line")));
            }
            reports.add(new LoadedDump.DumpReport(kind, r.string("problem"), r.string("thread"),
                    circular ? r.strings("chain") : List.of(), circular && r.bool("confirmed"), locations,
                    r.string("text")));
        }
        Fields stats = new Fields(file, "\"stats\"", top.object().get("stats"));
        return new LoadedDump(file, top.string("jvm"), top.string("agent"), stats.count("chains"),
                stats.count("instances"), stats.count("maxDepth"), classes, dependencies, reports);
    }

    /** Typed access to an object's fields, with one-line errors. */
    private record Fields(Path file, String where, JsonObject object) {
        Fields(Path file, String where, JsonElement element) throws BadDumpException {
            this(file, where, asObject(file, where, element));
        }

        private static JsonObject asObject(Path file, String where, JsonElement e) throws BadDumpException {
            if (e == null || !e.isJsonObject()) {
                throw new BadDumpException(file, where + " is not a JSON object");
            }
            return e.getAsJsonObject();
        }

        private JsonElement field(String name) throws BadDumpException {
            JsonElement e = object.get(name);
            if (e == null || e.isJsonNull()) {
                throw new BadDumpException(file, where + " has no \"" + name + "\"");
            }
            return e;
        }

        String string(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a string");
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
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a number");
            }
            try {
                return e.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException x) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a whole number in range");
            }
        }

        long count(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a number");
            }
            try {
                long n = e.getAsBigDecimal().longValueExact();
                if (n >= 0) {
                    return n;
                }
            } catch (ArithmeticException x) {
                // reported below
            }
            throw new BadDumpException(file, where + ": \"" + name + "\" is not a count");
        }

        boolean bool(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not true or false");
            }
            return e.getAsBoolean();
        }

        List<Fields> objects(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonArray()) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a list");
            }
            List<Fields> out = new ArrayList<>();
            int i = 0;
            for (JsonElement item : e.getAsJsonArray()) {
                out.add(new Fields(file, name + "[" + i++ + "]", item));
            }
            return out;
        }

        List<String> strings(String name) throws BadDumpException {
            JsonElement e = field(name);
            if (!e.isJsonArray()) {
                throw new BadDumpException(file, where + ": \"" + name + "\" is not a list");
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                    throw new BadDumpException(file, where + ": \"" + name + "\" holds something other than strings");
                }
                out.add(item.getAsString());
            }
            return out;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "malformed" : shorten(message.lines().findFirst().orElse("malformed"));
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
