package io.graphmail.simulator.faults;

import io.graphmail.simulator.web.GraphErrorException;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/_sim/faults")
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    FaultView add(@Valid @RequestBody FaultSpec spec) {
        return faults.add(spec).view();
    }

    @GetMapping
    Map<String, List<FaultView>> list() {
        return Map.of("value", faults.list());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        faults.clear();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        if (!faults.remove(id)) {
            throw GraphErrorException.notFound("No fault with id " + id + ".");
        }
    }
}
