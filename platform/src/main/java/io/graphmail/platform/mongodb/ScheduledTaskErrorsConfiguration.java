package io.graphmail.platform.mongodb;

import java.time.Clock;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Scheduled tasks log a MongoDB outage as {@link ScheduledTaskErrors} says, not as a bug on every run. */
@Configuration(proxyBeanMethods = false)
public class ScheduledTaskErrorsConfiguration {

    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledTaskErrors() {
        return scheduler -> scheduler.setErrorHandler(new ScheduledTaskErrors(Clock.systemUTC()));
    }
}
