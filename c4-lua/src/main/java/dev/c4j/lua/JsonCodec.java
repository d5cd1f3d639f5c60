package dev.c4j.lua;

import dev.c4j.api.LuaNumbers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * JSON to and from plain Java copies of Lua values (spec 7.1): tables are {@code Map}s, strings
 * {@link ByteString}s, numbers {@code Double}s. jackson-core's streaming API parses and generates; this class
 * decides the DriverWorks rules (type-wrapped primitives, objects by default, sorted keys, markers).
 *
 * <p>Strings go out byte for byte: bytes of 0x80 and above are copied as they are, whether or not they are
 * UTF-8. JSON text coming in must be UTF-8 (RFC 8259, and what jackson reads); its strings come back as UTF-8.
 */
final class JsonCodec {

    /** The peer of {@code c4json.null}: JSON {@code null} in both directions. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "c4json.null";
        }
    };

    private static final String STRING_MARKER = ":string:";
    private static final String NUMBER_MARKER = ":number:";
    private static final String BOOLEAN_MARKER = ":boolean:";
    private static final String INDEX_PREFIX = ":index:";
    private static final Pattern INDEX_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final double EXACT_INTEGERS = 0x1p53;

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonCodec() {
    }

    // ---- encoding ---------------------------------------------------------------------------------------------

    /** How {@code C4:JsonEncode} lays out its result; each flag is one of its optional arguments. */
    record EncodeOptions(boolean formatted, boolean encodeArrays, boolean symmetric) {
    }

    /**
     * The JSON text of {@code value} (nil is Java {@code null}).
     *
     * @throws Failure for what JSON cannot hold: nil at top level, functions, userdata, threads, cycles, NaN and
     *                 the infinities
     */
    static byte[] encode(Object value, EncodeOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (options.formatted()) {
                generator.setPrettyPrinter(prettyPrinter());
            }
            new Encoder(generator, options).writeTop(value);
        } catch (IOException e) { // a ByteArrayOutputStream does not fail: this is jackson refusing
            throw new Failure(e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** {@code formatted = true} [CHOICE]: one member per line, a tab per level, {@code "key" : value}, commas kept. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.BOTH)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(tabs).withArrayIndenter(tabs);
    }

    private static final class Encoder {
        private final JsonGenerator out;
        private final EncodeOptions options;

        Encoder(JsonGenerator out, EncodeOptions options) {
            this.out = out;
            this.options = options;
        }

        /**
         * A string, number or boolean at top level is wrapped with its type name: {@code {":string:":"Bar"}}.
         * [CHOICE] {@code symmetric} marks no more than that: a nested primitive decodes to itself unmarked.
         */
        void writeTop(Object value) throws IOException {
            String marker = value instanceof ByteString ? STRING_MARKER
                    : value instanceof Double ? NUMBER_MARKER
                    : value instanceof Boolean ? BOOLEAN_MARKER : null;
            if (value == null) {
                throw new Failure("cannot encode nil");
            }
            if (marker == null) {
                write(value);
                return;
            }
            out.writeStartObject();
            out.writeFieldName(marker);
            write(value);
            out.writeEndObject();
        }

        private void write(Object value) throws IOException {
            if (value instanceof ByteString string) {
                byte[] bytes = string.toByteArray();
                out.writeUTF8String(bytes, 0, bytes.length);
            } else if (value instanceof Double number) {
                out.writeNumber(numberText(number));
            } else if (value instanceof Boolean bool) {
                out.writeBoolean(bool);
            } else if (value == NULL) {
                out.writeNull();
            } else if (value instanceof Map<?, ?> table) {
                if (options.encodeArrays() && isSequence(table)) {
                    writeArray(table);
                } else {
                    writeObject(table);
                }
            } else if (value == OpaqueValue.CYCLE) {
                throw new Failure("cannot encode a table that contains itself (or is nested too deep)");
            } else {
                throw new Failure("cannot encode " + luaTypeName(value));
            }
        }

        private void writeArray(Map<?, ?> table) throws IOException {
            out.writeStartArray();
            for (int i = 1; i <= table.size(); i++) {
                write(table.get((double) i));
            }
            out.writeEndArray();
        }

        /**
         * [CHOICE] A key of a type JSON cannot name (a table, a function) never reaches this point: the SPI's plain
         * copy leaves such entries out, so they are skipped rather than failing the whole encode.
         */
        private void writeObject(Map<?, ?> table) throws IOException {
            List<Member> members = new ArrayList<>(table.size());
            table.forEach((key, value) -> members.add(new Member(keyText(key), kindRank(key), value)));
            members.sort(Member.ORDER);
            out.writeStartObject();
            for (Member member : members) {
                out.writeFieldName(new QuotedBytes(member.name()));
                write(member.value());
            }
            out.writeEndObject();
        }

        /** Strings as they are, numbers per H8 ({@code ":index:N"} when symmetric), booleans as words. */
        private ByteString keyText(Object key) {
            if (key instanceof ByteString string) {
                return string;
            }
            if (key instanceof Double number) {
                return ByteString.utf8((options.symmetric() ? INDEX_PREFIX : "") + LuaNumbers.format(number));
            }
            if (key instanceof Boolean bool) {
                return ByteString.utf8(bool.toString());
            }
            throw new Failure("cannot encode a key of type " + luaTypeName(key));
        }
    }

    /** A member of an object, ordered by its name's bytes; a string key before a number or boolean of the same text. */
    private record Member(ByteString name, int kindRank, Object value) {
        static final Comparator<Member> ORDER = Comparator.comparing(Member::name).thenComparingInt(Member::kindRank);
    }

    private static int kindRank(Object key) {
        return key instanceof ByteString ? 0 : key instanceof Double ? 1 : 2;
    }

    /** True when the keys are exactly 1..n (n ≥ 0): such a table becomes an array with {@code encodeArrays}. */
    private static boolean isSequence(Map<?, ?> table) {
        for (Object key : table.keySet()) {
            if (!(key instanceof Double index) || index != Math.rint(index) || index < 1 || index > table.size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * [CHOICE] Integral values below 2^53 in magnitude without fraction or exponent; others the shortest text that
     * reads back equal. jackson-core's Schubfach writer finds the shortest digits (Double.toString does not on
     * Java 17; like it, it keeps two digits where one would do only for the smallest subnormals: 4.9e-324) but lays
     * them out as Double.toString does ({@code 1.0E300}); the layout, plain or with an exponent, whichever is
     * shorter, is chosen here.
     */
    static String numberText(double value) {
        if (!Double.isFinite(value)) {
            throw new Failure("cannot encode " + LuaNumbers.format(value));
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
            return Long.toString((long) value);
        }
        BigDecimal digits = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
        String plain = digits.toPlainString();
        String unscaled = digits.unscaledValue().abs().toString();
        int exponent = digits.precision() - digits.scale() - 1;
        String scientific = (value < 0 ? "-" : "") + unscaled.charAt(0)
                + (unscaled.length() > 1 ? "." + unscaled.substring(1) : "") + "e" + exponent;
        return scientific.length() < plain.length() ? scientific : plain;
    }

    private static String luaTypeName(Object value) {
        if (value == OpaqueValue.FUNCTION) {
            return "function";
        }
        if (value == OpaqueValue.THREAD) {
            return "thread";
        }
        return "userdata"; // a foreign userdata, or one of our objects (its peer)
    }

    /**
     * A member name given as bytes. jackson-core takes field names only as a String or as a pre-quoted
     * {@link SerializableString}, and a String would force a decode of bytes that need not be UTF-8; so a name's
     * bytes are quoted here, by jackson's own escape table (the one {@code writeUTF8String} applies to values):
     * {@code "} and {@code \}, and bytes below 0x20 as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}
     * or a six-character {@code u00XX} escape; every other byte copied. Only the UTF-8 methods, the ones the byte generator calls, are
     * supported.
     */
    private static final class QuotedBytes implements SerializableString {
        private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();
        private static final HexFormat HEX = HexFormat.of().withUpperCase();

        private final ByteString name;
        private final byte[] quoted;

        QuotedBytes(ByteString name) {
            this.name = name;
            ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 2);
            for (int i = 0; i < name.length(); i++) {
                int b = name.byteAt(i) & 0xFF;
                int escape = b < ESCAPES.length ? ESCAPES[b] : 0;
                if (escape == 0) {
                    out.write(b);
                } else if (escape > 0) {
                    out.write('\\');
                    out.write(escape);
                } else {
                    out.writeBytes(("\\u00" + HEX.toHexDigits((byte) b)).getBytes(StandardCharsets.US_ASCII));
                }
            }
            quoted = out.toByteArray();
        }

        /** Only for jackson's bookkeeping of the current name, never written. */
        @Override
        public String getValue() {
            return name.utf8();
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quoted.clone();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            if (offset + quoted.length > buffer.length) {
                return -1;
            }
            System.arraycopy(quoted, 0, buffer, offset, quoted.length);
            return quoted.length;
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            out.write(quoted);
            return quoted.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < quoted.length) {
                return -1;
            }
            buffer.put(quoted);
            return quoted.length;
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return name.toByteArray();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + name.length() > buffer.length) {
                return -1;
            }
            System.arraycopy(name.toByteArray(), 0, buffer, offset, name.length());
            return name.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(name.toByteArray());
            return name.length();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < name.length()) {
                return -1;
            }
            buffer.put(name.toByteArray());
            return name.length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("byte names are for the UTF-8 generator only");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("byte names are for the UTF-8 generator only");
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("byte names are for the UTF-8 generator only");
        }
    }

    // ---- decoding ---------------------------------------------------------------------------------------------

    /**
     * The value of the JSON text: objects as maps with string keys ({@code ":index:N"} keys as the number N),
     * arrays as lists, strings as UTF-8 {@link ByteString}s, numbers as {@code Double}s; an object whose only
     * member is a type marker ({@code {":string:":"Bar"}}) as that member's value; {@code null} as what
     * {@code nullValue} supplies (a fresh empty table, or {@code c4json.null}).
     *
     * @throws Failure on a syntax error, trailing garbage, empty text, or text that is not UTF-8
     */
    static Object decode(byte[] text, Supplier<Object> nullValue) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new Failure("no JSON value in the text");
            }
            Object value = new Decoder(parser, nullValue).read();
            if (parser.nextToken() != null) {
                throw new Failure("unexpected text after the JSON value" + where(parser.currentTokenLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new Failure(plain(e.getOriginalMessage()) + where(e.getLocation()), e);
        } catch (IOException e) { // reading a byte array does not fail otherwise
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's message without its source notes ({@code [Source: REDACTED ...]}), which mean nothing to a driver. */
    private static String plain(String message) {
        String text = message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                .replaceAll("\\s*\\[Source:.*?\\]", "");
        int lineEnd = text.indexOf('\n');
        return lineEnd < 0 ? text : text.substring(0, lineEnd);
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private record Decoder(JsonParser in, Supplier<Object> nullValue) {

        /** The value starting at the current token. */
        Object read() throws IOException {
            return switch (in.currentToken()) {
                case START_OBJECT -> readObject();
                case START_ARRAY -> readArray();
                case VALUE_STRING -> utf8(in.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> in.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> nullValue.get();
                default -> throw new IllegalStateException("unexpected token " + in.currentToken());
            };
        }

        private Object readObject() throws IOException {
            Map<Object, Object> table = new LinkedHashMap<>();
            String onlyName = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                onlyName = table.isEmpty() ? name : null;
                in.nextToken();
                table.put(key(name), read()); // a repeated name: the last wins
            }
            boolean marked = table.size() == 1 && (STRING_MARKER.equals(onlyName) || NUMBER_MARKER.equals(onlyName)
                    || BOOLEAN_MARKER.equals(onlyName));
            return marked ? table.values().iterator().next() : table;
        }

        private List<Object> readArray() throws IOException {
            List<Object> array = new ArrayList<>();
            while (in.nextToken() != JsonToken.END_ARRAY) {
                array.add(read());
            }
            return array;
        }

        /** A member name: a string ({@code "1"} stays a string), or the number N of {@code ":index:N"}. */
        private static Object key(String name) {
            if (name.startsWith(INDEX_PREFIX)) {
                String number = name.substring(INDEX_PREFIX.length());
                if (INDEX_NUMBER.matcher(number).matches()) {
                    return Double.parseDouble(number);
                }
            }
            return utf8(name);
        }

        /** Text as UTF-8; a lone surrogate from an escape such as {@code uD800} has no UTF-8 form and fails. */
        private static ByteString utf8(String text) {
            try {
                ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
                return ByteString.of(bytes);
            } catch (CharacterCodingException e) {
                throw new Failure("a \\u escape leaves a lone surrogate: no UTF-8 text", e);
            }
        }
    }
}
