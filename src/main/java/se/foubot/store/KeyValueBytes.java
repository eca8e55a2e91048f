package se.foubot.store;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The Java serialisation of an index key, byte for byte as {@link ObjectDataType#serialize} makes it, without an
 * {@code ObjectOutputStream} for the keys nearly every index holds: one string ({@code _id}s, the queues' slots).
 * Such a key's stream is always the same class descriptions around the string ({@code TC_STRING}, its length, its
 * modified UTF-8), so the bytes around it are taken once from a real serialisation and the string put between them.
 * Any other key — more values, another type, a string too long for {@code TC_STRING}, values held in another list
 * than the ArrayList this library's keys make (a key read from a file another version wrote) — is serialised the
 * stock way. The template is checked
 * against real serialisations of a few strings when it is made, and not used if any differs (a library change in
 * how the key serialises), so what is written is always the stock bytes.
 *
 * <p>Reading is the mirror: bytes that are the template around one well-formed string give that string's key without
 * an {@code ObjectInputStream} (which allocates a kilobyte or two of buffers and class descriptions for every key of
 * every page read: a sixth of what the bot allocated under the Slack benchmark, and so of its garbage collections).
 * Any other bytes are read the stock way; the template is checked for reading as it is for writing.
 */
final class KeyValueBytes {

    private static final byte TC_STRING = 0x74;
    /** Strings whose modified UTF-8 is longer need TC_LONGSTRING. */
    private static final int MAX_SHORT = 0xFFFF;

    private final byte[] head;
    private final byte[] tail;
    /** The key's list of values: the template holds for an ArrayList only, the list every KeyValue makes. */
    private final Field values;

    private KeyValueBytes(byte[] head, byte[] tail, Field values) {
        this.head = head;
        this.tail = tail;
        this.values = values;
    }

    private static KeyValueBytes stockOnly() {
        return new KeyValueBytes(null, null, null);
    }

    /** A serialiser with the template taken from this runtime; one that always falls back if the template is unsure. */
    static KeyValueBytes make() {
        Field values;
        try {
            values = KeyValue.class.getDeclaredField("values");
            values.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return stockOnly();
        }
        byte[] marker = ObjectDataType.serialize(new KeyValue("\u0001fou-bot\u0001"));
        byte[] string = new byte[] {TC_STRING, 0, 9, 1, 'f', 'o', 'u', '-', 'b', 'o', 't', 1};
        int at = indexOf(marker, string);
        if (at < 0 || indexOf(Arrays.copyOfRange(marker, at + 1, marker.length), string) >= 0) {
            return stockOnly();
        }
        KeyValueBytes made = new KeyValueBytes(Arrays.copyOfRange(marker, 0, at),
                Arrays.copyOfRange(marker, at + string.length, marker.length), values);
        for (String sample : new String[] {"", "FOU-2026-0001", "slot#free", "Ölandsgatan 4 – åäö", "\u0000nul", "😀 emoji",
                "x".repeat(MAX_SHORT / 3 + 1)}) {
            byte[] stock = ObjectDataType.serialize(new KeyValue(sample));
            if (!Arrays.equals(made.serialize(new KeyValue(sample)), stock)
                    || !new KeyValue(sample).equals(made.deserialize(stock)) || !made.deserialize(stock).equals(ObjectDataType.deserialize(stock))) {
                return stockOnly();
            }
        }
        return made;
    }

    /** Whether the template is in use (false: every key goes the stock way). */
    boolean usesTemplate() {
        return head != null;
    }

    /** The key's Java serialisation, as {@link ObjectDataType#serialize} would make it. */
    byte[] serialize(KeyValue key) {
        if (head == null || key.size() != 1 || !(key.get(0) instanceof String s) || !madeAsUsual(key)) {
            return ObjectDataType.serialize(key);
        }
        int utf = modifiedUtf8Length(s);
        if (utf > MAX_SHORT) {
            return ObjectDataType.serialize(key);
        }
        byte[] out = new byte[head.length + 3 + utf + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        int p = head.length;
        out[p++] = TC_STRING;
        out[p++] = (byte) (utf >>> 8);
        out[p++] = (byte) utf;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out[p++] = (byte) c;
            } else if (c <= 0x07FF) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        System.arraycopy(tail, 0, out, p, tail.length);
        return out;
    }

    /** The key these bytes hold, as {@link ObjectDataType#deserialize} would read it. */
    Object deserialize(byte[] bytes) {
        String s = head == null ? null : templateString(bytes);
        return s == null ? ObjectDataType.deserialize(bytes) : new KeyValue(s);
    }

    /** The string between the template's head and tail, or null when the bytes are anything else. */
    private String templateString(byte[] bytes) {
        int start = head.length + 3;
        int utf = bytes.length - start - tail.length;
        if (utf < 0 || bytes[head.length] != TC_STRING || ((bytes[head.length + 1] & 0xFF) << 8 | (bytes[head.length + 2] & 0xFF)) != utf
                || !Arrays.equals(bytes, 0, head.length, head, 0, head.length)
                || !Arrays.equals(bytes, start + utf, bytes.length, tail, 0, tail.length)) {
            return null;
        }
        char[] chars = new char[utf];
        int n = 0;
        for (int p = start, end = start + utf; p < end;) {
            int b = bytes[p] & 0xFF;
            if (b >= 0x01 && b <= 0x7F) {
                chars[n++] = (char) b;
                p++;
            } else if ((b & 0xE0) == 0xC0 && p + 1 < end && (bytes[p + 1] & 0xC0) == 0x80) {
                chars[n++] = (char) ((b & 0x1F) << 6 | (bytes[p + 1] & 0x3F));
                p += 2;
            } else if ((b & 0xF0) == 0xE0 && p + 2 < end && (bytes[p + 1] & 0xC0) == 0x80 && (bytes[p + 2] & 0xC0) == 0x80) {
                chars[n++] = (char) ((b & 0x0F) << 12 | (bytes[p + 1] & 0x3F) << 6 | (bytes[p + 2] & 0x3F));
                p += 3;
            } else {
                return null; // not modified UTF-8 as Java writes it: the stock reader decides what it is
            }
        }
        return new String(chars, 0, n);
    }

    /**
     * Whether the key holds its values in an ArrayList, as every KeyValue this library makes does; a key read back
     * from a file written by another version of it might hold another list, whose class description differs.
     */
    private boolean madeAsUsual(KeyValue key) {
        try {
            return values.get(key).getClass() == ArrayList.class;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    /** The length of {@code s} in Java's modified UTF-8 (NUL and each surrogate of a pair written on their own). */
    private static int modifiedUtf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }

    private static int indexOf(byte[] in, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= in.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (in[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
