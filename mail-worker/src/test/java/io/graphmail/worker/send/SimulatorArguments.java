package io.graphmail.worker.send;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Command-line arguments for the Graph simulator of a {@link SimulatedMailboxTests} class. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface SimulatorArguments {
    String[] value();
}
