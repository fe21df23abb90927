package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.CORRELATION_ID_HEADER;

import io.graphmail.platform.logging.CorrelationId;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.amqp.core.Message;

/**
 * Advice around a listener container's listener call: the message's correlation id (a new one if it has none) is
 * current while its listener handles it, so its log lines carry it and whatever it publishes passes it on.
 */
final class CorrelationIdOnReceive implements MethodInterceptor {

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object[] arguments = invocation.getArguments();
        Object header = arguments.length > 1 && arguments[1] instanceof Message message
                ? message.getMessageProperties().getHeader(CORRELATION_ID_HEADER)
                : null;
        try (var scope = CorrelationId.open(CorrelationId.acceptOrCreate(header))) {
            return invocation.proceed();
        }
    }
}
