package io.graphmail.simulator.delta;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How delta queries behave.
 *
 * @param maxPageBytes a delta page whose JSON would be larger than this answers {@code 504 GatewayTimeout}, as Graph
 *     times out on pages with many full bodies; 0 or less: never
 */
@ConfigurationProperties("graphmail.simulator.delta")
record DeltaProperties(@DefaultValue("4000000") long maxPageBytes) {}
