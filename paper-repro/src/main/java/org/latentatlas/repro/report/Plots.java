package org.latentatlas.repro.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plots for experiment reports, drawn with XChart and saved as PNG (headless).
 *
 * <pre>{@code
 * XYChart chart = Plots.lineChart("Round-trip error", "radius", "relative error", true);
 * Plots.addLine(chart, "poincare c=1", radii, errors, 0);
 * Plots.addHorizontalLine(chart, "1e-6", 1e-6, 0, 35);
 * Plots.savePng(chart, dir.resolve("roundtrip_error.png"));
 * }</pre>
 */
public final class Plots {

  /** The default image width in pixels. */
  public static final int WIDTH_DEFAULT = 1000;

  /** The default image height in pixels. */
  public static final int HEIGHT_DEFAULT = 620;

  /** A palette of well separated colours (Matplotlib's "tab10"), indexed by series. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf),
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /**
   * Creates an empty line chart with a white background and the legend outside on the right.
   *
   * @param title the title
   * @param xTitle the x-axis title
   * @param yTitle the y-axis title
   * @param logY whether the y axis is logarithmic (every y value must then be positive)
   * @return the chart
   */
  public static XYChart lineChart(String title, String xTitle, String yTitle, boolean logY) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH_DEFAULT)
            .height(HEIGHT_DEFAULT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    XYStyler styler = chart.getStyler();
    styler.setYAxisLogarithmic(logY);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xdddddd));
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setAntiAlias(true);
    styler.setMarkerSize(4);
    return chart;
  }

  /**
   * Adds a solid line series, coloured by its index in the palette.
   *
   * @param chart the chart
   * @param name the legend entry
   * @param x the x values
   * @param y the y values, same length
   * @param index the palette index (series with the same index share a colour)
   * @return the series, for further styling
   */
  public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y, int index) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(PALETTE[Math.floorMod(index, PALETTE.length)]);
    s.setLineWidth(1.8f);
    return s;
  }

  /**
   * Adds a dashed horizontal reference line.
   *
   * @param chart the chart
   * @param name the legend entry
   * @param y the height
   * @param xMin the left end
   * @param xMax the right end
   * @return the series
   */
  public static XYSeries addHorizontalLine(
      XYChart chart, String name, double y, double xMin, double xMax) {
    XYSeries s = chart.addSeries(name, new double[] {xMin, xMax}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Color.BLACK);
    s.setLineStyle(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
    return s;
  }

  /**
   * Saves a chart as a PNG file, replacing it if it exists.
   *
   * @param chart the chart
   * @param file the file to write (the name should end in {@code .png})
   * @throws IOException if writing fails
   */
  public static void savePng(XYChart chart, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
