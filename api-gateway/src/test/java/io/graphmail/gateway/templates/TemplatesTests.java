package io.graphmail.gateway.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.MustacheException;
import io.graphmail.gateway.send.SendMailRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TemplatesTests {

    static final List<Integer> TEN = IntStream.rangeClosed(1, 10).boxed().toList();

    @Test
    void rendersVariablesSectionsAndEscapesHtml() {
        var templates = templates("Hi {{name}}", "<p>{{name}}{{#items}} [{{.}}]{{/items}}</p>", limits());

        var message = render(templates, recipient(Map.of("name", "<b>Ada</b>", "items", List.of(1, 2))));

        assertThat(message.subject()).isEqualTo("Hi <b>Ada</b>");
        assertThat(message.body().content()).isEqualTo("<p>&lt;b&gt;Ada&lt;/b&gt; [1] [2]</p>");
    }

    @Test
    void stopsASectionBombAtTheBodyLimitInsteadOfFillingTheHeap() {
        // 106 characters that would render 10^8 times ten characters.
        String bomb = "{{#a}}".repeat(8) + "xxxxxxxxxx" + "{{/a}}".repeat(8);
        var templates = templates("Hi", bomb, limits());

        assertThatThrownBy(() -> render(templates, recipient(Map.of("a", TEN))))
                .isInstanceOfSatisfying(
                        RenderLimitExceeded.class, e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void stopsASilentSectionBombAtTheRepeatLimit() {
        // Renders nothing, but would repeat 10^8 times.
        String bomb = "{{#a}}".repeat(8) + "{{/a}}".repeat(8);
        var templates = templates("Hi", bomb, limits());

        assertThatThrownBy(() -> render(templates, recipient(Map.of("a", TEN))))
                .isInstanceOfSatisfying(RenderLimitExceeded.class, e -> {
                    assertThat(e.batchWide()).isTrue();
                    assertThat(e.field()).isEqualTo("template");
                });
    }

    @Test
    void stopsAMessageWhoseBodyRendersPastTheSingleSendLimit() {
        String wide = "{{#a}}{{#a}}{{#a}}{{#a}}" + "x".repeat(200) + "{{/a}}{{/a}}{{/a}}{{/a}}";
        var templates = templates("Hi", wide, limits());

        assertThatThrownBy(() -> render(templates, recipient(Map.of("a", TEN.subList(0, 9)))))
                .isInstanceOfSatisfying(RenderLimitExceeded.class, e -> {
                    assertThat(e.batchWide()).isFalse();
                    assertThat(e.field()).isEqualTo("body");
                });
    }

    @Test
    void countsRenderedCharactersOverTheWholeBatch() {
        var small = new TemplateLimits(8, 1_000_000, DataSize.ofBytes(1000));
        var templates = templates("Hi", "x".repeat(300), small);
        var recipient = recipient(Map.of());

        render(templates, recipient);
        render(templates, recipient);
        render(templates, recipient);

        assertThatThrownBy(() -> render(templates, recipient))
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
            assertThatThrownBy(() -> templates("Hi", refused, limits()))
                    .as(refused)
                    .isInstanceOf(MustacheException.class);
        }
        templates("Hi", "{{#a}}".repeat(8) + "{{/a}}".repeat(8), limits());
    }

    @Test
    void looksUpVariablesOnlyNeverMethodsOfTheirValues() {
        var templates = templates("Hi", "{{name.class}}{{name.length}}", limits());

        assertThatThrownBy(() -> render(templates, recipient(Map.of("name", "Ada"))))
                .isInstanceOf(MustacheException.class);
    }

    @Test
    void aMissingVariableIsAnError() {
        var templates = templates("Hi {{name}}", "x", limits());

        assertThatThrownBy(() -> render(templates, recipient(Map.of()))).isInstanceOf(MustacheException.class);
    }

    private static TemplateLimits limits() {
        return TemplateLimits.defaults();
    }

    private static Templates templates(String subject, String html, TemplateLimits limits) {
        return new Templates(subject, html, null, limits);
    }

    /** A recipient's variables. */
    private static Map<String, Object> recipient(Map<String, Object> variables) {
        return variables;
    }

    private static SendMailRequest render(Templates templates, Map<String, Object> variables) {
        return templates.render("acc", List.of("r@example.com"), List.of(), List.of(), variables);
    }
}
