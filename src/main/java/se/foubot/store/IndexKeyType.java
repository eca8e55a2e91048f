package se.foubot.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The key type of a unique index's map: the stock {@link ObjectDataType}'s file format and order, without serialising
 * the same key again for every comparison.
 *
 * <p>An index key ({@link KeyValue}) is not {@code Comparable}, so the stock type orders keys by their Java
 * serialisation and makes both byte arrays afresh on every comparison: a lookup's binary search down the tree
 * serialised two keys per step, and every commit serialised each key of every page it wrote. That was about half of
 * the embedded store's CPU under the conversation and outbox benchmarks. Here the serialised form is remembered per
 * key object (a key read from a page keeps the bytes it was read from), so a lookup serialises its own key once and
 * the keys in the pages not at all. The bytes, the order they give and the tag before them are the stock ones, so
 * files written before and after open unchanged in either.
 *
 * <p>The memory is a small direct-mapped cache by identity, not a map by value: two equal keys may serialise
 * differently (an {@code int} 1 and a {@code long} 1 are equal once normalised), and the stock order is that of the
 * bytes. A slot holds an immutable entry, so threads reading the tree at once need no lock; a collision only costs a
 * serialisation.
 */
final class IndexKeyType extends ObjectDataType {

    /** The stock tag for a Java-serialised object (ObjectDataType.TYPE_SERIALIZED_OBJECT, package-private there). */
    static final byte SERIALIZED_OBJECT_TAG = 19;

    private record Serialized(KeyValue key, byte[] bytes) {
    }

    /**
     * The keys held in pages: read from the file, written to it, compared against. One type serves every index of a
     * store, so this bounds the memory for all of them: at most this many keys and their bytes (a few hundred bytes
     * each, about 10 MB in all).
     */
    private final Serialized[] pageKeys = new Serialized[1 << 15];

    /**
     * The keys being looked up, kept apart: a lookup's key is compared a dozen times and then dropped, and thousands a
     * second would otherwise push the page keys out.
     */
    private final Serialized[] searchKeys = new Serialized[1 << 7];

    /**
     * A new key's bytes without an ObjectOutputStream (a key just inserted or looked up is new to the cache), and a
     * page's keys without an ObjectInputStream.
     */
    private final KeyValueBytes serializer = KeyValueBytes.make();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
            // H2's binary search passes the key it looks for first and a page's key second
            return a == b ? 0 : compareBytes(bytesOf(ka, searchKeys), bytesOf(kb, pageKeys));
        }
        return super.compare(a, b);
    }

    /**
     * The stock order of two keys' bytes (unsigned, byte by byte, the shorter first when one begins the other), found
     * eight bytes at a time: every key's bytes begin with the same sixty-odd bytes of serialisation header, which the
     * stock comparison walks one byte at a time on every step of every lookup.
     */
    static int compareBytes(byte[] a, byte[] b) {
        return Integer.signum(Arrays.compareUnsigned(a, b));
    }

    @Override
    public int getMemory(Object obj) {
        // what the stock type's running average settles at (twice the serialised size), known here at once
        return obj instanceof KeyValue key ? 2 * bytesOf(key, pageKeys).length : super.getMemory(obj);
    }

    /**
     * Every key's memory asked for, not a sample's: MVStore asks as a key goes into a page, just after the key's lookup,
     * so its bytes move from the lookups' memory into the pages' there and then. Left to MVStore's estimate, most new
     * keys (a conversation's revision at each answer) had left the lookups' small memory by the commit and were
     * serialised again to be written.
     */
    @Override
    public boolean isMemoryEstimationAllowed() {
        return false;
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof KeyValue key) {
            byte[] bytes = bytesOf(key, pageKeys);
            buff.put(SERIALIZED_OBJECT_TAG).putVarInt(bytes.length).put(bytes);
        } else {
            super.write(buff, obj);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SERIALIZED_OBJECT_TAG) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        Object value = serializer.deserialize(bytes);
        if (value instanceof KeyValue key) {
            pageKeys[slotOf(key, pageKeys)] = new Serialized(key, bytes);
        }
        return value;
    }

    private byte[] bytesOf(KeyValue key, Serialized[] cache) {
        int slot = slotOf(key, cache);
        Serialized known = cache[slot];
        if (known != null && known.key() == key) {
            return known.bytes();
        }
        if (cache == pageKeys) {
            // a key just inserted was last compared as the key looked for
            Serialized searched = searchKeys[slotOf(key, searchKeys)];
            if (searched != null && searched.key() == key) {
                cache[slot] = searched;
                return searched.bytes();
            }
        }
        byte[] bytes = serializer.serialize(key);
        cache[slot] = new Serialized(key, bytes);
        return bytes;
    }

    private static int slotOf(KeyValue key, Serialized[] cache) {
        int h = System.identityHashCode(key);
        return (h ^ (h >>> 16)) & (cache.length - 1);
    }
}
