package se.foubot.store;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How the embedded store writes a document into its file: as BSON, with the wire server's own encoder, the very bytes
 * a document arrives and leaves in. The stock H2 backend leaves documents to MVStore's {@link ObjectDataType}, which
 * writes them with Java serialisation — class descriptions and all, for every document of every page a commit
 * rewrites; that was 40 % of the store's CPU in a flight recording of the Slack benchmark, spent while every other
 * write waits for the commit.
 *
 * A value BSON has no type for (none is known to reach the store) is written the old way rather than failing the
 * commit.
 *
 * <p>Files written before keep working: a value starts with a tag byte, and Java serialisation's tag
 * ({@value #SERIALIZED_TAG}) is read the old way, so a document written by an older version is read as it was and
 * written as BSON the next time its page is written (compaction rewrites the rest over time). A version before this
 * one cannot read a file this one has written (it reads BSON's tag as an unknown tag and refuses the file as
 * damaged); to go back, restore the backup taken before the upgrade.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** The tag {@link ObjectDataType} writes before a Java-serialised object. */
    static final int SERIALIZED_TAG = 19;
    /** Ours: a tag {@link ObjectDataType} never writes (it uses 0–19, 32–49 and 64–119). */
    static final int BSON_TAG = 24;
    /** What a document costs in memory besides its fields, and each field besides its value (MVStore splits pages by it). */
    private static final int DOCUMENT_MEMORY = 64;
    private static final int FIELD_MEMORY = 48;

    /** How many encodings a type made {@link #remembering} keeps at most. */
    static final int REMEMBERED = 1 << 12;
    /** ... and how many bytes of them: with the documents they keep from being collected, a few megabytes. */
    static final long REMEMBERED_BYTES = 4L * 1024 * 1024;
    /** A larger document is encoded each time: a few would fill the memory (and a small heap). */
    static final int LARGEST_REMEMBERED = 16 * 1024;

    private record Encoded(Document document, byte[] bson) {
    }

    /** Null: every write encodes. */
    private final Encoded[] recent;
    /** The bytes {@link #recent} holds; guarded by {@code this}. */
    private long rememberedBytes;

    /** A type that encodes each document every time its page is written (reading a file, checking it). */
    BsonDocumentType() {
        this(0);
    }

    private BsonDocumentType(int remembered) {
        this.recent = remembered == 0 ? null : new Encoded[remembered];
    }

    /**
     * A type for the maps of a store whose documents are never changed once in a map — the backend puts a new
     * document object for every change ({@link IsolatedH2Backend}: an update works on a copy and stores it whole). A
     * commit writes every document of each page it writes, and a page holds a dozen or so: such a type remembers the
     * BSON of the documents it wrote or read last, by identity, and writes a page's unchanged documents from it
     * instead of encoding them again (a tenth of the store's CPU, spent while every writer waits for the commit).
     * Identity, not equality: a new object for a changed document is new to it, so what is written is always the
     * document as it is in the map. A direct-mapped memory: a collision costs an encoding.
     */
    static BsonDocumentType remembering() {
        return new BsonDocumentType(REMEMBERED);
    }

    /** Opens (or creates) a collection's data map with documents written as BSON; the key type is the stock one. */
    static MVMap<Object, Document> openDataMap(MVStore store, String name) {
        return openDataMap(store, name, new BsonDocumentType());
    }

    static MVMap<Object, Document> openDataMap(MVStore store, String name, BsonDocumentType type) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().keyType(new ObjectDataType()).valueType(type));
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
        int slot = recent == null ? -1 : slotOf(document);
        if (slot >= 0) {
            Encoded known = recent[slot];
            if (known != null && known.document() == document) {
                buff.put((byte) BSON_TAG).put(known.bson());
                return;
            }
        }
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (IllegalArgumentException notBson) {
            // a value BSON has no type for must not fail the commit (MVStore closes itself on a failed write)
            bson.release();
            new ObjectDataType().write(buff, document);
            return;
        }
        try {
            buff.put((byte) BSON_TAG);
            if (slot >= 0) {
                byte[] bytes = new byte[bson.readableBytes()];
                bson.getBytes(bson.readerIndex(), bytes);
                remember(slot, document, bytes);
                buff.put(bytes);
            } else {
                buff.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
            }
        } finally {
            bson.release();
        }
    }

    /** Keeps the encoding in its slot, in place of what was there, unless it is large or the memory would be full. */
    private synchronized void remember(int slot, Document document, byte[] bson) {
        if (bson.length > LARGEST_REMEMBERED) {
            return;
        }
        Encoded before = recent[slot];
        long after = rememberedBytes - (before == null ? 0 : before.bson().length) + bson.length;
        if (after <= REMEMBERED_BYTES) {
            recent[slot] = new Encoded(document, bson);
            rememberedBytes = after;
        }
    }

    /** The bytes of the encodings kept now. */
    synchronized long rememberedBytes() {
        return rememberedBytes;
    }

    private int slotOf(Document document) {
        int h = System.identityHashCode(document);
        return (h ^ (h >>> 16)) & (recent.length - 1);
    }

    @Override
    public Document read(ByteBuffer buff) {
        int tag = buff.get(buff.position());
        if (tag == SERIALIZED_TAG) {
            // written before documents were BSON; ObjectDataType keeps state between calls, so one per value
            return (Document) new ObjectDataType().read(buff);
        }
        if (tag != BSON_TAG) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "Unknown document tag {0}", tag);
        }
        buff.get();
        int length = Integer.reverseBytes(buff.getInt(buff.position()));
        if (length < 5 || length > buff.remaining()) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "Document length {0} out of bounds", length);
        }
        byte[] bytes = new byte[length];
        buff.get(bytes);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        if (recent != null) {
            remember(slotOf(document), document, bytes);
        }
        return document;
    }

    @Override
    public int getMemory(Document document) {
        return memory(document);
    }

    /** An estimate of a value's heap size, by its shape (no encoding). */
    private static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            int total = DOCUMENT_MEMORY;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += FIELD_MEMORY + memory(e.getKey()) + memory(e.getValue());
            }
            return total;
        }
        if (value instanceof Collection<?> list) {
            int total = DOCUMENT_MEMORY;
            for (Object item : list) {
                total += 8 + memory(item);
            }
            return total;
        }
        if (value instanceof CharSequence text) {
            return 40 + 2 * text.length();
        }
        return 24;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
