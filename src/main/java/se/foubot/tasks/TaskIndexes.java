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
        var tasks = mongo.indexOps(SupportTask.class);
        tasks.createIndex(new Index("sourceKey", Sort.Direction.ASC).unique().named("sourceKey_unique"));
        tasks.createIndex(new Index().on("requester.channel", Sort.Direction.ASC).on("requester.person", Sort.Direction.ASC)
                .named("requester"));
        tasks.createIndex(new Index("status", Sort.Direction.ASC).named("status"));
    }
}
