package io.graphmail.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The fast path reads what Jackson reads, the same instant, and leaves everything else to Jackson. */
class Rfc3339InstantsTests {

    private final JsonMapper jackson = JsonMapper.builder().build();
    private final JsonMapper fast =
            JsonMapper.builder().addModule(Rfc3339Instants.module()).build();

    @Test
    void readsTheServicesOwnFormTheWayJacksonDoesForInstantsOfEveryYearAndPrecision() {
        var random = new Random(20261206);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first));
            int digits = i % 10;
            long nanos = digits == 0 ? 0 : random.nextInt(1_000_000_000) / pow10(9 - digits) * pow10(9 - digits);
            String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second, nanos));
            Instant expected = read(jackson, text);
            if (!expected.equals(Rfc3339Instants.utc(text)) || !expected.equals(read(fast, text))) {
                mismatches.add(text);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyOtherFormIsReadOrRefusedAsJacksonDoes() {
        List<String> texts = List.of(
                "2024-02-29T00:00:00Z",
                "2026-02-29T00:00:00Z",
                "2016-12-31T23:59:60Z",
                "2026-12-06T24:00:00Z",
                "2026-12-06T23:60:00Z",
                "2026-13-01T00:00:00Z",
                "2026-12-06T23:12:26.1234567891Z",
                "2026-12-06T23:12:26.Z",
                "2026-12-06T23:12Z",
                "2026-12-06t23:12:26z",
                "2026-12-06T23:12:26z",
                "2026-12-06 23:12:26Z",
                "2026-12-06T23:12:26+01:00",
                "2026-12-06T23:12:26.5-00:30",
                "2026-12-06T23:12:26",
                "+12026-12-06T23:12:26Z",
                "-0001-12-06T23:12:26Z",
                "2026-12-06T23:12:26.123ZZ",
                "2026-1x-06T23:12:26Z",
                " 2026-12-06T23:12:26Z",
                "",
                "1765063946",
                "1765063946.5");
        for (String text : texts) {
            assertThat(outcome(fast, "\"" + text + "\"")).as(text).isEqualTo(outcome(jackson, "\"" + text + "\""));
        }
        for (String number : List.of("1765063946", "1765063946.123456789", "-1")) {
            assertThat(outcome(fast, number)).as(number).isEqualTo(outcome(jackson, number));
        }
        assertThat(outcome(fast, "null")).isEqualTo(outcome(jackson, "null"));
    }

    @Test
    void bootsMapperReadsInstantsThroughIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(JsonConfiguration.class)
                .run(context -> {
                    var mapper = context.getBean(JsonMapper.class);
                    assertThat(mapper.registeredModules())
                            .anySatisfy(
                                    module -> assertThat(module.getModuleName()).isEqualTo("rfc3339-instants"));
                    assertThat(read(mapper, "2026-12-06T23:12:26.5Z"))
                            .isEqualTo(Instant.parse("2026-12-06T23:12:26.5Z"));
                });
    }

    private static Instant read(JsonMapper mapper, String text) {
        return mapper.readValue("\"" + text + "\"", Instant.class);
    }

    /** The instant read, or the kind of error: equal outcomes compare equal. */
    private static String outcome(JsonMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
