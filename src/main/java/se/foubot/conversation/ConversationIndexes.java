package se.foubot.conversation;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import se.foubot.store.StoreIndexes;

@Component
class ConversationIndexes implements StoreIndexes {

    @Override
    public void ensure(MongoTemplate mongo) {
        var conversations = mongo.indexOps(ConversationStore.COLLECTION);
        conversations.createIndex(new Index(ConversationStore.REV, Sort.Direction.ASC).unique().named("rev_unique"));
        // for retention: find conversations idle for long
        conversations.createIndex(new Index("updatedAt", Sort.Direction.ASC).named("updatedAt"));
    }
}
