package se.foubot.tasks;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import se.foubot.store.StoreIndexes;

@Component
class TaskIndexes implements StoreIndexes {

    @Override
    public void ensure(MongoTemplate mongo) {
        var requests = mongo.indexOps(SupportRequest.class);
        requests.createIndex(new Index("sourceKey", Sort.Direction.ASC).unique().named("sourceKey_unique"));
        requests.createIndex(new Index("requester", Sort.Direction.ASC).named("requester"));
    }
}
