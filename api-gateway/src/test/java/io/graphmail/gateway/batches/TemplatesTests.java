package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.MustacheException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TemplatesTests {

    static final List<Integer> TEN = IntStream.rangeClosed(1, 10).boxed().toList();

    @Test
    void rendersVariablesSectionsAndEscapesHtml() {
        var templates = new Templates(template("Hi {{name}}", "<p>{{name}}{{#items}} [{{.}}]{{/items}}</p>"), limits());

        var message = templates.render("acc", recipient(Map.of("name", "<b>Ada</b>", "items", List.of(1, 2))));

        assertThat(message.subject()).isEqualTo("Hi <b>Ada</b>");
        assertThat(message.body().content()).isEqualTo("<p>&lt;b&gt;Ada&lt;/b&gt; [1] [2]</p>");
    }

    @Test
    void stopsASectionBombAtTheBodyLimitInsteadOfFillingTheHeap() {
        // 106 characters that would render 10^8 times ten characters.
        String bomb = "{{#a}}".repeat(8) + "xxxxxxxxxx" + "{{/a}}".repeat(8);
        var templates = new Templates(template("Hi", bomb), limits());

        assertThatThrownBy(() -> templates.render("acc", recipient(Map.of("a", TEN))))
                .isInstanceOfSatisfying(
                        RenderLimitExceeded.class, e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void stopsASilentSectionBombAtTheRepeatLimit() {
        // Renders nothing, but would repeat 10^8 times.
        String bomb = "{{#a}}".repeat(8) + "{{/a}}".repeat(8);
        var templates = new Templates(template("Hi", bomb), limits());

        assertThatThrownBy(() -> templates.render("acc", recipient(Map.of("a", TEN))))
                .isInstanceOfSatisfying(RenderLimitExceeded.class, e -> {
                    assertThat(e.batchWide()).isTrue();
                    assertThat(e.field()).isEqualTo("template");
                });
    }

    @Test
    void stopsAMessageWhoseBodyRendersPastTheSingleSendLimit() {
        String wide = "{{#a}}{{#a}}{{#a}}{{#a}}" + "x".repeat(200) + "{{/a}}{{/a}}{{/a}}{{/a}}";
        var templates = new Templates(template("Hi", wide), limits());

        assertThatThrownBy(() -> templates.render("acc", recipient(Map.of("a", TEN.subList(0, 9)))))
                .isInstanceOfSatisfying(RenderLimitExceeded.class, e -> {
                    assertThat(e.batchWide()).isFalse();
                    assertThat(e.field()).isEqualTo("body");
                });
    }

    @Test
    void countsRenderedCharactersOverTheWholeBatch() {
        var small = new TemplateLimits(8, 1_000_000, DataSize.ofBytes(1000));
        var templates = new Templates(template("Hi", "x".repeat(300)), small);
        var recipient = recipient(Map.of());

        templates.render("acc", recipient);
        templates.render("acc", recipient);
        templates.render("acc", recipient);

        assertThatThrownBy(() -> templates.render("acc", recipient))
                .isInstanceOfSatisfying(
                        RenderLimitExceeded.class,
                        e -> assertThat(e.batchWide()).isTrue());
    }

    @Test
    void refusesPartialsInheritanceDelimiterChangesAndDeepNesting() {
        for (String refused : List.of(
                "{{>footer}}",
                "{{<layout}}{{/layout}}",
                "{{=<% %>=}}<%name%>",
                "{{#a}}".repeat(9) + "{{/a}}".repeat(9))) {
            assertThatThrownBy(() -> new Templates(template("Hi", refused), limits()))
                    .as(refused)
                    .isInstanceOf(MustacheException.class);
        }
        new Templates(template("Hi", "{{#a}}".repeat(8) + "{{/a}}".repeat(8)), limits());
    }

    @Test
    void looksUpVariablesOnlyNeverMethodsOfTheirValues() {
        var templates = new Templates(template("Hi", "{{name.class}}{{name.length}}"), limits());

        assertThatThrownBy(() -> templates.render("acc", recipient(Map.of("name", "Ada"))))
                .isInstanceOf(MustacheException.class);
    }

    @Test
    void aMissingVariableIsAnError() {
        var templates = new Templates(template("Hi {{name}}", "x"), limits());

        assertThatThrownBy(() -> templates.render("acc", recipient(Map.of()))).isInstanceOf(MustacheException.class);
    }

    private static TemplateLimits limits() {
        return TemplateLimits.defaults();
    }

    private static BatchRequest.Template template(String subject, String html) {
        return new BatchRequest.Template(subject, html, null, List.of());
    }

    private static BatchRequest.Recipient recipient(Map<String, Object> variables) {
        return new BatchRequest.Recipient(List.of("r@example.com"), null, null, variables);
    }
}
