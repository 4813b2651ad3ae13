package io.autoops.experiments.report;

import io.autoops.experiments.stats.Aggregates;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark report: one self-contained HTML file (charts embedded as PNG data, no network, opens
 * from disk). A small script counts the images that loaded and writes the count into
 * {@code <body data-images="loaded/total">}, so a headless browser test can check the page.
 */
public final class HtmlReport {

    /** A chart for the report: file name, caption and PNG bytes. */
    public record Figure(String file, String caption, byte[] png) {
    }

    private final StringBuilder html = new StringBuilder();

    public static String render(String title, Map<String, String> facts, Aggregates agg, List<Figure> headlineFigures,
                                List<Figure> incidentFigures, List<String> notes) {
        HtmlReport r = new HtmlReport();
        r.html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\n")
                .append("h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n")
                .append("table{border-collapse:collapse;font-size:.9em;margin:.6em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}\n")
                .append("tr.reference td{color:#777;font-style:italic}figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}")
                .append("figcaption{font-size:.85em;color:#555}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}")
                .append("dt{font-weight:600}.note{font-size:.85em;color:#555}\n</style></head>\n<body data-images=\"pending\">\n");
        r.html.append("<h1>").append(esc(title)).append("</h1>\n<dl>\n");
        facts.forEach((k, v) -> r.html.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n"));
        r.html.append("</dl>\n<h2>Headline</h2>\n");
        r.headline(agg);
        double poa = agg.priceOfAnarchy("game.team-optimum", "game.nash");
        if (!Double.isNaN(poa)) {
            r.html.append("<p class=\"note\">Healers as a game: welfare is every service's own reward summed over the ")
                    .append("episode; conflicts are actions that found their resource taken in the same tick. Price of ")
                    .append("anarchy (mean welfare of game.team-optimum over game.nash): <b>")
                    .append(String.format(Locale.ROOT, "%.3f", poa)).append("</b>.</p>\n");
        }
        r.html.append("<p class=\"note\">Score: (R &minus; R<sub>no-op</sub>) / (R<sub>oracle</sub> &minus; R<sub>no-op</sub>) per scenario; ")
                .append("IQM = mean of the middle 50% of all runs, with a 95% stratified-bootstrap confidence interval ")
                .append("(rliable, Agarwal et al. 2021). The oracle knows the faults and is an upper bound, not a competitor. ")
                .append("Italic rows are the normalisation references.</p>\n");
        for (Figure f : headlineFigures) {
            r.figure(f);
        }
        r.html.append("<h2>Probability of improvement</h2>\n<p class=\"note\">P(row policy scores higher than column policy ")
                .append("on a random run of a random scenario); above 0.5 means the row policy tends to do better.</p>\n");
        r.poi(agg);
        r.html.append("<h2>Incidents</h2>\n<p class=\"note\">One episode per fault type (first evaluation seed): the best policy ")
                .append("against the baseline.</p>\n");
        for (Figure f : incidentFigures) {
            r.figure(f);
        }
        if (!notes.isEmpty()) {
            r.html.append("<h2>Notes</h2>\n<ul>\n");
            notes.forEach(n -> r.html.append("<li>").append(esc(n)).append("</li>\n"));
            r.html.append("</ul>\n");
        }
        r.html.append("<script>\nwindow.addEventListener('load',function(){var im=document.images,ok=0;")
                .append("for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0){ok++;}else{")
                .append("var p=document.createElement('p');p.textContent='image missing: '+im[i].alt;im[i].after(p);}}")
                .append("document.body.setAttribute('data-images',ok+'/'+im.length);});\n</script>\n</body></html>\n");
        return r.html.toString();
    }

    private void headline(Aggregates agg) {
        html.append("<table>\n<tr><th>policy</th><th>IQM score [95% CI]</th><th>mean score</th><th>availability</th>")
                .append("<th>SLO violation (min/episode)</th><th>MTTR (s)</th><th>faults mitigated</th>")
                .append("<th>false-positive actions</th><th>actions</th><th>cost</th><th>welfare</th><th>conflicts</th>")
                .append("<th>episodes</th></tr>\n");
        for (Aggregates.PolicySummary s : agg.summaries()) {
            html.append(s.reference() ? "<tr class=\"reference\">" : "<tr>")
                    .append("<td>").append(esc(s.policy())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.iqm().value(), s.iqm().low(), s.iqm().high()))
                    .append("</td><td>").append(f3(s.meanScore())).append("</td><td>").append(String.format(Locale.ROOT, "%.4f", s.availability()))
                    .append("</td><td>").append(f1(s.sloViolationMinutes())).append("</td><td>").append(f1(s.mttrSeconds()))
                    .append("</td><td>").append(pct(s.mitigatedShare())).append("</td><td>").append(f1(s.falsePositives()))
                    .append("</td><td>").append(f1(s.actions())).append("</td><td>").append(f1(s.cost()))
                    .append("</td><td>").append(f1(s.welfare())).append("</td><td>").append(f1(s.conflicts()))
                    .append("</td><td>").append(s.episodes()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void poi(Aggregates agg) {
        List<String> ps = new ArrayList<>(agg.policies());
        double[][] p = agg.probabilityOfImprovement();
        html.append("<table>\n<tr><th>P(row &gt; column)</th>");
        ps.forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < ps.size(); i++) {
            html.append("<tr><td>").append(esc(ps.get(i))).append("</td>");
            for (int j = 0; j < ps.size(); j++) {
                double v = p[i][j];
                if (Double.isNaN(v)) {
                    html.append("<td>&ndash;</td>");
                } else {
                    // green above 0.5, red below
                    int fade = (int) (255 - Math.abs(v - 0.5) * 2 * 110);
                    String rgb = v >= 0.5 ? fade + ",255," + fade : "255," + fade + "," + fade;
                    html.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%s)\">%.2f</td>", rgb, v));
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void figure(Figure f) {
        html.append("<figure><img alt=\"").append(esc(f.file())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>").append(esc(f.caption()))
                .append(" (").append(esc(f.file())).append(")</figcaption></figure>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.3f", v + 0.0).replace("-0.000", "0.000");
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
