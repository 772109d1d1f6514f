package dev.ocisc.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML report: every report shares one stylesheet and one small script (table search, sorting),
 * inlined, and a Content-Security-Policy that forbids the page any network access, so a report opened from a CI
 * artefact or a mail loads nothing from anywhere. The page has no timestamp of its own: the same report, the same
 * bytes.
 */
public final class HtmlPage {
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:";

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder scripts = new StringBuilder();

    /** A page titled {@code title} (plain text; it is escaped here). */
    public HtmlPage(String title) {
        this.title = title;
    }

    /** Appends markup that the caller built with {@link Html}'s escapes. */
    public HtmlPage markup(CharSequence html) {
        body.append(html);
        return this;
    }

    /** Embeds JSON data for the page's own script, read with {@code JSON.parse(document.getElementById(id).text)}. */
    public HtmlPage data(String id, String json) {
        body.append("<script type=\"application/json\" id=\"").append(Html.text(id)).append("\">")
                .append(Html.scriptJson(json)).append("</script>\n");
        return this;
    }

    /** Adds a report's own script (a constant of ocisc's, never input text), run after the shared one. */
    public HtmlPage script(String js) {
        scripts.append(js).append('\n');
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(body.length() + CSS.length() + JS.length() + scripts.length() + 512);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"ocisc\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n").append(body)
                .append("<script>\n").append(JS).append(scripts).append("</script>\n</body>\n</html>\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
