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

    /** Opens (or creates) a collection's data map with documents written as BSON; the key type is the stock one. */
    static MVMap<Object, Document> openDataMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().keyType(new ObjectDataType()).valueType(new BsonDocumentType()));
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
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
            buff.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        } finally {
            bson.release();
        }
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
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
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
