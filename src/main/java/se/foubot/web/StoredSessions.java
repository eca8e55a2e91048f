package se.foubot.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

/**
 * The staff web's sessions in the store, so that a restart or another replica behind the load balancer keeps people
 * signed in (before, they lived in the servlet container's memory, and each restart signed everyone out).
 *
 * <p>A session is stored under a hash of its id: what the cookie holds is never in the store, so reading the store does
 * not let anyone take over a session. Its attributes (the signed-in person, the CSRF token, a sign-in under way) are
 * kept in Java's serial form, as the servlet container keeps them; only the bot writes this collection. One that no
 * longer reads (a class changed between versions) is no session: its person signs in again. One that has run out is
 * no session either, and is deleted when asked for or by the retention job ({@link WebRetention}).
 */
class StoredSessions implements SessionRepository<MapSession> {

    private static final Logger log = LoggerFactory.getLogger(StoredSessions.class);
    static final String COLLECTION = "web_sessions";

    private final MongoTemplate mongo;
    private final Duration timeout;

    StoredSessions(MongoTemplate mongo, Duration timeout) {
        this.mongo = mongo;
        this.timeout = timeout;
    }

    /** The index the retention job's delete by {@code expiresAt} uses; ensured at start-up with every feature's. */
    @org.springframework.stereotype.Component
    static class Indexes implements se.foubot.store.StoreIndexes {

        @Override
        public void ensure(MongoTemplate mongo) {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", org.springframework.data.domain.Sort.Direction.ASC));
        }
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setMaxInactiveInterval(timeout);
        return session;
    }

    @Override
    public void save(MapSession session) {
        if (!session.getId().equals(session.getOriginalId())) {
            // a new id at sign-in (against session fixation): the old one stops working at once
            deleteById(session.getOriginalId());
        }
        Instant expires = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
        Document doc = new Document("_id", key(session.getId())).append("createdAt", Date.from(session.getCreationTime()))
                .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expiresAt", Date.from(expires)).append("attributes", new Binary(serialize(session)));
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", doc.get("_id")), doc,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    @Override
    public MapSession findById(String id) {
        if (id == null) {
            return null;
        }
        Document doc = mongo.findById(key(id), Document.class, COLLECTION);
        if (doc == null) {
            return null;
        }
        MapSession session = new MapSession(id);
        session.setCreationTime(doc.getDate("createdAt").toInstant());
        session.setLastAccessedTime(doc.getDate("lastAccessedAt").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) doc.get("maxInactiveSeconds")).longValue()));
        if (session.isExpired()) {
            deleteById(id);
            return null;
        }
        Map<String, Object> attributes = deserialize(doc.get("attributes", Binary.class));
        if (attributes == null) {
            deleteById(id);
            return null;
        }
        attributes.forEach(session::setAttribute);
        return session;
    }

    @Override
    public void deleteById(String id) {
        if (id != null) {
            mongo.remove(Query.query(Criteria.where("_id").is(key(id))), COLLECTION);
        }
    }

    /** The stored key of a session id: its SHA-256, so the store never holds what the cookie holds. */
    static String key(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    private static byte[] serialize(MapSession session) {
        Map<String, Object> attributes = new HashMap<>();
        for (String name : session.getAttributeNames()) {
            attributes.put(name, session.getAttribute(name));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(attributes);
        } catch (IOException e) {
            throw new IllegalStateException("a session attribute cannot be kept: " + e.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deserialize(Binary stored) {
        if (stored == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored.getData()))) {
            return (Map<String, Object>) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            log.info("event=web_session_unreadable reason={}", e.getClass().getSimpleName());
            return null;
        }
    }
}
