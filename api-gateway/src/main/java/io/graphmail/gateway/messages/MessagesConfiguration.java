package io.graphmail.gateway.messages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

    /** The GridFS bucket the mail worker stores attachment contents in. */
    static final String ATTACHMENTS_BUCKET = "attachments";

    static final String ATTACHMENTS_BUCKET_BEAN = "attachmentsBucket";

    @Bean(ATTACHMENTS_BUCKET_BEAN)
    GridFsTemplate attachmentsBucket(MongoDatabaseFactory mongo, MongoConverter converter) {
        return new GridFsTemplate(mongo, converter, ATTACHMENTS_BUCKET);
    }
}
