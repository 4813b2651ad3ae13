package io.autoops.experiments.report;

import io.autoops.experiments.stats.Aggregates;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The report's charts, rendered to PNG with JFreeChart (headless). */
public final class Charts {

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A rendered chart as an image, e.g. to show it inline in a notebook. */
    public static java.awt.image.BufferedImage image(byte[] png) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** IQM of the normalised score per policy, with its 95 % bootstrap confidence interval. */
    public static byte[] iqm(Aggregates agg) {
        List<Aggregates.PolicySummary> s = agg.summaries();
        String[] names = s.stream().map(Aggregates.PolicySummary::policy).toArray(String[]::new);
        XYSeries bars = new XYSeries("IQM");
        XYIntervalSeries ci = new XYIntervalSeries("95% CI");
        for (int i = 0; i < s.size(); i++) {
            var iq = s.get(i).iqm();
            bars.add(i, iq.value());
            ci.add(i, i, i, iq.value(), iq.low(), iq.high());
        }
        XYPlot plot = new XYPlot();
        SymbolAxis x = new SymbolAxis("policy", names);
        x.setTickLabelFont(FONT);
        plot.setDomainAxis(x);
        NumberAxis y = new NumberAxis("IQM normalised score (0 = no-op, 1 = oracle)");
        // Keep the interesting range readable: a policy far below the no-op is cut at -2 (its value is in the table).
        double lowest = s.stream().mapToDouble(p -> p.iqm().low()).filter(v -> !Double.isNaN(v)).min().orElse(0);
        double highest = s.stream().mapToDouble(p -> p.iqm().high()).filter(v -> !Double.isNaN(v)).max().orElse(1);
        y.setRange(Math.max(-2, Math.min(-0.1, lowest - 0.1)), Math.max(1.1, highest + 0.1));
        plot.setRangeAxis(y);
        XYIntervalSeriesCollection ciData = new XYIntervalSeriesCollection();
        ciData.addSeries(ci);
        XYErrorRenderer err = new XYErrorRenderer();
        err.setDrawXError(false);
        err.setErrorPaint(Color.BLACK);
        err.setErrorStroke(new BasicStroke(1.6f));
        err.setCapLength(10);
        err.setSeriesShapesVisible(0, false);
        err.setSeriesLinesVisible(0, false);
        plot.setDataset(0, ciData);
        plot.setRenderer(0, err);
        XYBarRenderer bar = new XYBarRenderer(0.35);
        bar.setBarPainter(new StandardXYBarPainter());
        bar.setShadowVisible(false);
        bar.setSeriesPaint(0, PALETTE[0]);
        plot.setDataset(1, new XYSeriesCollection(bars));
        plot.setRenderer(1, bar);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Interquartile mean score with 95% stratified-bootstrap CI", FONT.deriveFont(Font.BOLD, 14f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 900, 420);
    }

    /** Performance profiles: fraction of runs scoring above tau. */
    public static byte[] profiles(Aggregates agg) {
        XYSeriesCollection data = new XYSeriesCollection();
        agg.profiles().forEach((p, prof) -> {
            XYSeries s = new XYSeries(p);
            for (int k = 0; k < prof.length; k++) {
                s.add(Aggregates.TAUS[k], prof[k]);
            }
            data.addSeries(s);
        });
        XYPlot plot = new XYPlot(data, new NumberAxis("normalised score tau"), new NumberAxis("fraction of runs with score > tau"),
                lines(data.getSeriesCount()));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Performance profiles", FONT.deriveFont(Font.BOLD, 14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 900, 420);
    }

    /** Mean MTTR per fault type, one bar per policy. */
    public static byte[] mttrByFault(Aggregates agg, List<String> policies) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Aggregates.FaultStat f : agg.faultStats()) {
            if (policies.contains(f.policy())) {
                data.addValue(Double.isNaN(f.mttrSeconds()) ? null : f.mttrSeconds(), f.policy(), f.faultType());
            }
        }
        CategoryAxis x = new CategoryAxis("fault type");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < PALETTE.length; i++) {
            r.setSeriesPaint(i, PALETTE[i]);
        }
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis("mean MTTR of recovered faults (s)"), r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Time to recover by fault type", FONT.deriveFont(Font.BOLD, 14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 1000, 460);
    }

    /** An incident: latency, errors and instances over time for several policies, actions marked. */
    public static byte[] timeline(String title, Map<String, Timeline> byPolicy, double onsetSeconds) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        combined.setGap(8);
        String[] labels = {"gateway p99 latency (ms)", "gateway error rate", "instances"};
        for (int k = 0; k < 3; k++) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (Map.Entry<String, Timeline> e : byPolicy.entrySet()) {
                Timeline t = e.getValue();
                XYSeries s = new XYSeries(e.getKey());
                List<Double> ys = k == 0 ? t.p99Ms : k == 1 ? t.errorRate : t.instances;
                for (int i = 0; i < t.seconds.size(); i++) {
                    s.add(t.seconds.get(i), ys.get(i));
                }
                data.addSeries(s);
            }
            XYLineAndShapeRenderer renderer = lines(data.getSeriesCount());
            if (k > 0) {
                for (int i = 0; i < data.getSeriesCount(); i++) {
                    renderer.setSeriesVisibleInLegend(i, false); // one legend entry per policy
                }
            }
            XYPlot sub = new XYPlot(data, null, new NumberAxis(labels[k]), renderer);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            ValueMarker onset = new ValueMarker(onsetSeconds, Color.RED, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            if (k == 0) {
                onset.setLabel("fault");
                onset.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                onset.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            }
            sub.addDomainMarker(onset);
            int series = 0;
            for (Timeline t : byPolicy.values()) {
                for (Timeline.Action a : t.actions) {
                    ValueMarker m = new ValueMarker(a.seconds(), PALETTE[series % PALETTE.length], new BasicStroke(1f));
                    m.setAlpha(0.6f);
                    if (k == 2) {
                        m.setLabel(a.label());
                        m.setLabelFont(FONT.deriveFont(9f));
                        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                    }
                    sub.addDomainMarker(m);
                }
                series++;
            }
            combined.add(sub, k == 0 ? 2 : 1);
        }
        JFreeChart chart = new JFreeChart(title, FONT.deriveFont(Font.BOLD, 14f), combined, true);
        chart.addSubtitle(new TextTitle("vertical lines: actions (colour of the policy); dashed red: fault onset", FONT));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 1000, 560);
    }

    private static XYLineAndShapeRenderer lines(int n) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        return r;
    }

    static byte[] png(JFreeChart chart, int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, w, h);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
