package io.graphmail.simulator.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTests {

    @Test
    void readsBothPreferencesFromOneCommaSeparatedHeader() {
        var preferences = Preferences.parse(List.of("odata.maxpagesize=50, IdType=\"ImmutableId\""));

        assertThat(preferences).isEqualTo(new Preferences(50, true));
    }

    @Test
    void readsThemFromSeparateHeadersToo() {
        var preferences = Preferences.parse(List.of("IdType=\"ImmutableId\"", "odata.maxpagesize=7"));

        assertThat(preferences).isEqualTo(new Preferences(7, true));
    }

    @Test
    void ignoresPreferencesItDoesNotKnowOrCannotRead() {
        var preferences = Preferences.parse(List.of("return=minimal, odata.maxpagesize=0, IdType=\"RestId\""));

        assertThat(preferences).isEqualTo(new Preferences(null, false));
    }
}
