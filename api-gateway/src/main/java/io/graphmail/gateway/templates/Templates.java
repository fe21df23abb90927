package io.graphmail.gateway.templates;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.graphmail.gateway.send.SendLimits;
import io.graphmail.gateway.send.SendMailRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch template compiled once (JMustache), rendered once per recipient within a {@link RenderBudget}. Values are
 * looked up in the recipient's variables only (maps and lists, never methods or fields of Java objects); there are
 * no partials, and no lambdas (variables come from JSON, which has none). A variable a recipient lacks is an error,
 * not an empty string; values are HTML-escaped in the HTML body.
 */
public final class Templates {

    private static final Mustache.TemplateLoader NO_PARTIALS = name -> {
        throw new MustacheException("partials are not allowed");
    };

    private final Template subject;
    private final Template html;
    private final Template text;
    private final RenderBudget budget;

    /** @throws MustacheException if a template is not valid or not allowed (see {@link TemplateShape}) */
    public Templates(String subject, String html, String text, TemplateLimits limits) {
        this.budget = new RenderBudget(limits);
        var compiler = Mustache.compiler()
                .strictSections(true)
                .withLoader(NO_PARTIALS)
                .withCollector(new VariablesOnly(budget));
        this.subject = compile(compiler.escapeHTML(false), subject, limits);
        this.html = compile(compiler.escapeHTML(true), html, limits);
        this.text = compile(compiler.escapeHTML(false), text, limits);
    }

    private static Template compile(Mustache.Compiler compiler, String source, TemplateLimits limits) {
        if (source == null) {
            return null;
        }
        TemplateShape.check(source, limits.maxSectionDepth());
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            throw e;
        } catch (RuntimeException e) {
            // JMustache's parser fails on some input it should reject; the input is at fault, not the gateway.
            throw new MustacheException("it cannot be parsed", e);
        }
    }

    /**
     * The recipient's message, rendered with its {@code variables}; attachments are resolved once for the whole batch.
     *
     * @throws MustacheException if a variable is missing
     * @throws RenderLimitExceeded if the message, or the batch so far, renders past a limit
     */
    public SendMailRequest render(
            String accountId, List<String> to, List<String> cc, List<String> bcc, Map<String, Object> variables) {
        var body = html != null
                ? new SendMailRequest.Body("html", render(html, variables, "body", SendLimits.MAX_BODY_CHARS))
                : new SendMailRequest.Body("text", render(text, variables, "body", SendLimits.MAX_BODY_CHARS));
        return SendMailRequest.plain(
                accountId,
                to,
                cc,
                bcc,
                render(subject, variables, "subject", TemplateLimits.MAX_SUBJECT_CHARS),
                body,
                List.of());
    }

    private String render(Template template, Map<String, Object> variables, String field, int maxChars) {
        var output = budget.output(field, maxChars);
        template.execute(variables, output);
        return output.toString();
    }

    /** Maps and lists only, no reflection; every section repeat is counted against the budget. */
    private static final class VariablesOnly extends BasicCollector {

        private final RenderBudget budget;

        VariablesOnly(RenderBudget budget) {
            this.budget = budget;
        }

        @Override
        public Iterator<?> toIterator(Object value) {
            Iterator<?> elements = super.toIterator(value);
            return elements == null ? null : budget.counted(elements);
        }

        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    }
}
