package se.foubot.store;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * mongo-java-server's H2 backend with reads isolated from writes, and documents written as BSON
 * ({@link BsonDocumentType}).
 *
 * <p>The stock backend answers a query with the very document objects its map holds, and an update rewrites such an
 * object field by field, in place, while another connection may still be turning it into a reply. That reader then
 * sees half of a change — a conversation's new version with its old answers — and a compare-and-set on the version
 * lets a lost update through (two answers at once: one vanished). Here each query gets its own copies of what it
 * matched, so an update works on a copy and stores it whole, and a reader keeps a consistent old document. The maps
 * are the stock ones; only a document's bytes differ, and a unique index compares its keys without serialising them
 * afresh each time ({@link IndexKeyType}, same bytes on disk).
 */
final class IsolatedH2Backend extends H2Backend {

    /** Map name prefixes of the stock backend's file format (H2Database), kept so existing files open unchanged. */
    static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";
    private static final String INDEX_MAP_INFIX = "._index_";

    /**
     * One key type for every unique index, so that their remembered keys share one bounded memory. Made on first use:
     * the stock constructor opens the databases (and their indexes) before this class's fields are initialised, and a
     * field without an initialiser keeps what was set meanwhile.
     */
    private IndexKeyType indexKeys;

    IsolatedH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    private synchronized IndexKeyType indexKeys() {
        if (indexKeys == null) {
            indexKeys = new IndexKeyType();
        }
        return indexKeys;
    }

    /** One document type for every collection's map, so that their remembered encodings share one bounded memory. */
    private BsonDocumentType documents;

    private synchronized BsonDocumentType documents() {
        if (documents == null) {
            documents = BsonDocumentType.remembering();
        }
        return documents;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, IsolatedH2Backend.this.getMvStore(), IsolatedH2Backend.this.getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            // opened first with the faster key type; the stock index then finds the map open and uses it as it is
            IsolatedH2Backend.this.getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(indexKeys()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // called from H2Database's constructor too; the outer backend (and its store) is there already
            MVStore store = IsolatedH2Backend.this.getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = BsonDocumentType.openDataMap(store, DATA_MAP_PREFIX + namespace, documents());
            MVMap<String, Object> meta = store.openMap(META_MAP_PREFIX + namespace);
            return new Collection(this, collectionName, options, data, meta);
        }

        private final class Collection extends H2Collection {

            Collection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> data,
                    MVMap<String, Object> meta) {
                super(database, collectionName, options, data, meta, Database.this.cursorRegistry);
            }

            /*
             * The stock collection guards its writes with its own monitor but its list of indexes with none (an index is
             * added under the database's), so a write walking the list while an index was made failed with a
             * ConcurrentModificationException (every feature ensures its indexes at start, while the Slack inbox already
             * redoes a killed process's work) — or would leave the new index without the document being written. Under
             * the collection's monitor an index is made between writes and holds every document. The database never
             * waits for a collection's monitor while a collection waits for the database's, so no lock order turns.
             */
            @Override
            public synchronized void addIndex(Index<Object> index) {
                super.addIndex(index);
            }

            @Override
            public synchronized void dropIndex(String indexName) {
                super.dropIndex(indexName);
            }

            @Override
            public synchronized List<Index<Object>> getIndexes() {
                return List.copyOf(super.getIndexes());
            }

            /**
             * The stock collection uses an index only for a query that names exactly the index's keys, so a compare-and-set
             * on {@code {_id, version}}, or {@code {_id, staffPost: null, …}}, read every document of its collection.
             * Every document such a query matches has that {@code _id}: it is looked up by it, then matched against the
             * whole query as before — the same answer, one document read.
             */
            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                    Document fieldSelector) {
                Object id = query.size() > 1 ? query.get(getIdField()) : null;
                if (id instanceof String || id instanceof ObjectId) {
                    for (Index<Object> index : getIndexes()) {
                        if (index.isUnique() && index.getKeys().size() == 1 && getIdField().equals(index.getKeys().get(0).getKey())) {
                            return matchDocuments(query, index.getPositions(new Document(getIdField(), id)), orderBy, skip, limit,
                                    batchSize, fieldSelector);
                        }
                    }
                }
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }

            @Override
            protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit,
                    int batchSize, Comparator<Document> order, Document fieldSelector) {
                return super.matchDocumentsFromStream(query,
                        documents.filter(d -> documentMatchesQuery(d, query)).map(Document::cloneDeeply), skip, limit, batchSize,
                        order, fieldSelector);
            }

            /**
             * The stock collection keeps a running total of its documents' BSON size in its meta map, which costs every
             * update two encodings of the whole document (before and after), every insert and delete one, and each
             * commit one more page — about a twentieth of the store's work for an outbox mail in a flight recording —
             * for a figure only {@code collStats} and {@code validate} show. Those count it when asked instead.
             */
            @Override
            protected boolean tracksDataSize() {
                return false;
            }

            @Override
            protected int getDataSize() {
                long total = 0;
                ByteBuf bson = Unpooled.buffer();
                try {
                    for (var each : (Iterable<DocumentWithPosition<Object>>) streamAllDocumentsWithPosition()::iterator) {
                        bson.clear();
                        BsonEncoder.encodeDocument(each.getDocument(), bson);
                        total += bson.writerIndex();
                    }
                } finally {
                    bson.release();
                }
                return (int) Math.min(Integer.MAX_VALUE, total);
            }
        }
    }
}
