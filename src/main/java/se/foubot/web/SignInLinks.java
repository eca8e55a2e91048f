package se.foubot.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.Sha256;
import se.foubot.store.StoreIndexes;

/**
 * Single-use sign-in links ({@code web_sign_in_links}). Only a SHA-256 hash of each link's secret is stored, so
 * whoever reads the store cannot sign in; a link works once (one conditional update decides, whatever replica gets
 * it) and only until it expires.
 */
@Component
class SignInLinks implements StoreIndexes {

    static final String COLLECTION = "web_sign_in_links";
    /** More unused links than this within one validity period, and nobody gets another until one runs out. */
    private static final int MAX_OPEN_LINKS = 5;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final WebProperties properties;
    private final SecureRandom random = new SecureRandom();

    SignInLinks(MongoTemplate mongo, Clock clock, WebProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        // a real MongoDB deletes expired links by itself (about once a minute); the embedded store leaves them for issue()
        mongo.indexOps(COLLECTION).createIndex(new Index("expiresAt", Sort.Direction.ASC).expire(java.time.Duration.ZERO).named("expiresAt_ttl"));
    }

    /** A new link's secret for {@code identifier}; empty when they have too many unused ones already. */
    Optional<String> issue(String identifier) {
        Instant now = clock.instant();
        mongo.remove(Query.query(Criteria.where("expiresAt").lt(Date.from(now))), COLLECTION);
        // Slack ids are as Slack writes them; addresses in lower case
        String who = identifier.contains("@") ? WebProperties.key(identifier) : identifier.strip();
        if (mongo.count(Query.query(Criteria.where("identifier").is(who).and("usedAt").is(null)), COLLECTION) >= MAX_OPEN_LINKS) {
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        mongo.insert(new Document("_id", hash(token)).append("identifier", who).append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(properties.linkValidity()))).append("usedAt", null), COLLECTION);
        return Optional.of(token);
    }

    /** Uses the link once: the identifier it was sent to, or empty when it is unknown, used or expired. */
    Optional<String> use(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Document link = mongo.findAndModify(Query.query(Criteria.where("_id").is(hash(token)).and("usedAt").is(null)
                        .and("expiresAt").gt(Date.from(now))),
                new Update().set("usedAt", Date.from(now)), Document.class, COLLECTION);
        return Optional.ofNullable(link).map(d -> d.getString("identifier"));
    }

    /** The stored key of a secret; also the once-only key of its delivery. */
    static String hash(String token) {
        return Sha256.hex(token);
    }
}
