package io.graphmail.simulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A fault as the control API shows it: its settings, its id and, for counted faults, the strikes left. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FaultView(String id, @JsonUnwrapped FaultSpec spec, Integer remaining) {}
