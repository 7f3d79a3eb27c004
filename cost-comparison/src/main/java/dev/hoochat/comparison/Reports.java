package dev.hoochat.comparison;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hoochat.comparison.pricing.CostModel;
import dev.hoochat.comparison.pricing.Price;
import dev.hoochat.comparison.pricing.Traffic;
import dev.hoochat.comparison.pricing.Usage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a comparison four ways: a table for the terminal (with the headline under it), CSV (one
 * row per configuration), JSON (everything, including the prices and their sources) and an HTML
 * page with a chart of cost per month against p99 latency — an SVG drawn here, so the page needs no
 * network.
 */
final class Reports {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Reports() {}

  static final List<String> COLUMNS =
      List.of(
          "configuration",
          "store reads/post",
          "fan-out store reads",
          "store RRU/post",
          "store WRU/post",
          "cache reads/post",
          "cache writes/post",
          "cache KiB/post",
          "pushes/post",
          "fan-out mean ms",
          "fan-out p50 ms",
          "fan-out p99 ms",
          "read p99 ms",
          "$ per M msgs",
          "$ per month",
          "problems");

  static List<String> cells(Comparison.Row row) {
    RunResult r = row.result();
    Usage p = r.perPost();
    return List.of(
        row.label(),
        f2(p.storeReads()),
        f2(r.fanOutStoreReads()),
        f2(p.readUnits()),
        f2(p.writeUnits()),
        f2(p.cacheReads()),
        f2(p.cacheWrites()),
        f2(p.cacheRequestKib()),
        f2(p.pushes()),
        f2(r.fanOut().mean()),
        f2(r.fanOut().p50()),
        f2(r.fanOut().p99()),
        f2(r.read().p99()),
        f2(row.cost().usdPerMillionMessages()),
        f2(row.cost().usdPerMonth()),
        Long.toString(r.deliveryProblems()));
  }

  static void table(Comparison c, PrintWriter out) {
    Traffic t = c.workload().traffic();
    out.printf(
        Locale.ROOT,
        "Workload %s: groups of %d (%d connected), %d posts and %d reads measured per configuration; "
            + "costs at %,d daily users x %.0f messages (%.1f M messages a month). Machine: %s.%n",
        c.workload().name(),
        c.workload().groupSize(),
        c.workload().connectedPerGroup(),
        c.workload().posts(),
        c.workload().reads(),
        t.dailyUsers(),
        t.postsPerUser(),
        t.monthlyPosts() / 1e6,
        c.machine());
    out.println("| " + String.join(" | ", COLUMNS) + " |");
    out.println("|" + "---|".repeat(COLUMNS.size()));
    for (Comparison.Row row : c.rows()) {
      out.println("| " + String.join(" | ", cells(row)) + " |");
    }
    out.println();
    headline(c).forEach(out::println);
    out.flush();
  }

  /**
   * The cache's claims, checked on this run: store reads per fan-out and latency, cache off → on.
   */
  static List<String> headline(Comparison c) {
    List<String> lines = new ArrayList<>();
    for (Comparison.Row row : c.rows()) {
      if (row.result().configuration().cacheName().equals("none")) {
        continue;
      }
      c.withoutCache(row)
          .ifPresent(
              off -> {
                RunResult a = off.result();
                RunResult b = row.result();
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "- %s vs %s: store reads per post %.2f -> %.2f (fan-out %.2f -> %.2f calls,"
                            + " %.1f -> %.1f RRU); mean %.2f -> %.2f ms (%+.0f%%), p99 %.2f -> %.2f"
                            + " ms (%+.0f%%)",
                        row.label(),
                        off.label(),
                        a.perPost().storeReads(),
                        b.perPost().storeReads(),
                        a.fanOutStoreReads(),
                        b.fanOutStoreReads(),
                        a.fanOutReadUnits(),
                        b.fanOutReadUnits(),
                        a.fanOut().mean(),
                        b.fanOut().mean(),
                        change(a.fanOut().mean(), b.fanOut().mean()),
                        a.fanOut().p99(),
                        b.fanOut().p99(),
                        change(a.fanOut().p99(), b.fanOut().p99())));
              });
    }
    c.cheapest().ifPresent(r -> lines.add(cost("cheapest", r)));
    c.cheapestDurable().ifPresent(r -> lines.add(cost("cheapest on a durable store", r)));
    c.fastest().ifPresent(r -> lines.add(speed("fastest", r)));
    c.fastestDurable().ifPresent(r -> lines.add(speed("fastest on a durable store", r)));
    return lines;
  }

  static void csv(Comparison c, Path file) {
    StringBuilder s = new StringBuilder();
    List<String> header = new ArrayList<>(COLUMNS);
    header.addAll(
        List.of(
            "cache bytes out/post",
            "cache bytes in/post",
            "push bytes/post",
            "ack p50 ms",
            "read p50 ms",
            "fan-out p999 ms",
            "deliveries",
            "seconds"));
    s.append(String.join(",", header.stream().map(Reports::quote).toList())).append('\n');
    for (Comparison.Row row : c.rows()) {
      List<String> cells = new ArrayList<>(cells(row));
      RunResult r = row.result();
      cells.addAll(
          List.of(
              f2(r.perPost().cacheBytesOut()),
              f2(r.perPost().cacheBytesIn()),
              f2(r.perPost().pushBytes()),
              f2(r.ack().p50()),
              f2(r.read().p50()),
              f2(r.fanOut().p999()),
              Long.toString(r.deliveries()),
              f2(r.seconds())));
      s.append(String.join(",", cells.stream().map(Reports::quote).toList())).append('\n');
    }
    write(file, s.toString());
  }

  static void json(Comparison c, Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", c.machine());
    root.put("finishedAt", c.finishedAt().toString());
    root.put("workload", c.workload());
    root.put("monthlyMessages", c.workload().traffic().monthlyPosts());
    root.put("prices", Map.of("origin", c.prices().origin(), "rows", c.prices().all()));
    List<Map<String, Object>> configurations = new ArrayList<>();
    for (Comparison.Row row : c.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("configuration", row.label());
      m.put("result", row.result());
      m.put("cost", row.cost());
      configurations.add(m);
    }
    root.put("configurations", configurations);
    root.put("headline", headline(c));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void html(Comparison c, Path file) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>HooChat cost and performance</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;")
        .append("padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}")
        .append("th{background:#f3f3f3}</style></head><body>")
        .append("<h1>HooChat: cost and performance by configuration</h1>");
    Traffic t = c.workload().traffic();
    h.append(
        esc(
            String.format(
                Locale.ROOT,
                "<p>Workload %s: groups of %d, %d connected; %d posts and %d reads measured per"
                    + " configuration. Costs at %,d daily users × %.0f messages each (%.1f M messages"
                    + " a month). Machine: %s. Finished %s.</p>",
                c.workload().name(),
                c.workload().groupSize(),
                c.workload().connectedPerGroup(),
                c.workload().posts(),
                c.workload().reads(),
                t.dailyUsers(),
                t.postsPerUser(),
                t.monthlyPosts() / 1e6,
                c.machine(),
                c.finishedAt()),
            true));
    h.append("<h2>Cost per month against p99 delivery latency</h2>").append(chart(c));
    h.append("<h2>Measurements</h2><table><tr>");
    COLUMNS.forEach(col -> h.append("<th>").append(esc(col, false)).append("</th>"));
    h.append("</tr>");
    for (Comparison.Row row : c.rows()) {
      h.append("<tr>");
      cells(row).forEach(cell -> h.append("<td>").append(esc(cell, false)).append("</td>"));
      h.append("</tr>");
    }
    h.append("</table><h2>Headline</h2><ul>");
    headline(c).forEach(l -> h.append("<li>").append(esc(l.substring(2), false)).append("</li>"));
    h.append("</ul><h2>Bills</h2>");
    for (Comparison.Row row : c.rows()) {
      h.append("<h3>")
          .append(esc(row.label(), false))
          .append("</h3><table>")
          .append(
              "<tr><th>component</th><th>quantity a month</th><th>unit</th><th>$ a month</th></tr>");
      for (CostModel.Line line : row.cost().lines()) {
        h.append("<tr><td>")
            .append(esc(line.component(), false))
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%,.1f", line.quantity()))
            .append("</td><td>")
            .append(esc(line.unit(), false))
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%,.2f", line.usdPerMonth()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Prices (")
        .append(esc(c.prices().origin(), false))
        .append(")</h2><table>")
        .append(
            "<tr><th>key</th><th>usd</th><th>per</th><th>unit</th><th>source</th><th>date</th></tr>");
    for (Price p : c.prices().all()) {
      h.append("<tr><td>")
          .append(esc(p.key(), false))
          .append("</td><td>")
          .append(p.usd())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%,.0f", p.per()))
          .append("</td><td>")
          .append(esc(p.unit(), false))
          .append("</td><td>")
          .append(esc(p.source(), false))
          .append("</td><td>")
          .append(esc(p.date(), false))
          .append("</td></tr>");
    }
    h.append("</table></body></html>\n");
    write(file, h.toString());
  }

  /** A scatter plot: p99 on x (log scale when the spread is wide), $ a month on y. */
  static String chart(Comparison c) {
    int w = 760;
    int ht = 420;
    int left = 70;
    int right = 200;
    int top = 20;
    int bottom = 50;
    List<Comparison.Row> rows = c.rows();
    double minX = rows.stream().mapToDouble(r -> r.result().fanOut().p99()).min().orElse(1);
    double maxX = rows.stream().mapToDouble(r -> r.result().fanOut().p99()).max().orElse(1);
    double maxY = rows.stream().mapToDouble(r -> r.cost().usdPerMonth()).max().orElse(1);
    minX = Math.max(0.01, minX);
    boolean log = maxX / minX > 10;
    double x0 = log ? Math.log10(minX) - 0.1 : 0;
    double x1 = log ? Math.log10(maxX) + 0.1 : maxX * 1.1;
    double y1 = maxY <= 0 ? 1 : maxY * 1.15;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">",
            w,
            ht));
    int plotW = w - left - right;
    int plotH = ht - top - bottom;
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
            left,
            top,
            plotW,
            plotH));
    for (int i = 0; i <= 4; i++) {
      double yv = y1 * i / 4;
      double y = top + plotH - plotH * i / 4.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">$%.0f</text>",
              left,
              left + plotW,
              y,
              y,
              left - 5,
              y + 4,
              yv));
      double xv = log ? Math.pow(10, x0 + (x1 - x0) * i / 4) : x1 * i / 4;
      double x = left + plotW * i / 4.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>",
              x,
              top + plotH + 15,
              xv));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">p99 delivery to the whole group, ms%s"
                + "</text><text x=\"15\" y=\"%d\" transform=\"rotate(-90 15 %d)\" "
                + "text-anchor=\"middle\">$ a month</text>",
            left + plotW / 2,
            ht - 10,
            log ? " (log scale)" : "",
            top + plotH / 2,
            top + plotH / 2));
    String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    for (int i = 0; i < rows.size(); i++) {
      Comparison.Row r = rows.get(i);
      double xv = Math.max(minX, r.result().fanOut().p99());
      double x = left + plotW * ((log ? Math.log10(xv) : xv) - x0) / (x1 - x0);
      double y = top + plotH - plotH * r.cost().usdPerMonth() / y1;
      String colour = colours[i % colours.length];
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s: p99 %.2f ms,"
                  + " $%.2f a month</title></circle>"
                  + "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%d</text>",
              x,
              y,
              colour,
              esc(r.label(), false),
              r.result().fanOut().p99(),
              r.cost().usdPerMonth(),
              x + 7,
              y - 4,
              colour,
              i + 1));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%d %s</text>",
              left + plotW + 12,
              top + 14 + 16 * i,
              colour,
              i + 1,
              esc(r.label(), false)));
    }
    s.append("</svg>");
    return s.toString();
  }

  private static String cost(String what, Comparison.Row r) {
    return String.format(
        Locale.ROOT,
        "- %s: %s at $%.2f a month ($%.3f per million messages), p99 %.2f ms",
        what,
        r.label(),
        r.cost().usdPerMonth(),
        r.cost().usdPerMillionMessages(),
        r.result().fanOut().p99());
  }

  private static String speed(String what, Comparison.Row r) {
    return String.format(
        Locale.ROOT,
        "- %s: %s at p99 %.2f ms (mean %.2f ms), $%.2f a month",
        what,
        r.label(),
        r.result().fanOut().p99(),
        r.result().fanOut().mean(),
        r.cost().usdPerMonth());
  }

  private static double change(double before, double after) {
    return before == 0 ? 0 : 100 * (after - before) / before;
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String quote(String cell) {
    return cell.contains(",") || cell.contains("\"")
        ? '"' + cell.replace("\"", "\"\"") + '"'
        : cell;
  }

  /** Escapes text for HTML; {@code keepTags} keeps the markup of a template's own tags. */
  private static String esc(String text, boolean keepTags) {
    String s = text.replace("&", "&amp;");
    return keepTags ? s : s.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
