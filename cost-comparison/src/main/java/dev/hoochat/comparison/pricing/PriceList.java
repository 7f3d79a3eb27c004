package dev.hoochat.comparison.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prices the cost model uses, read from a CSV file with one price a row ({@code
 * key,usd,per,unit,source,date}; lines starting with {@code #} are comments). The default list
 * ships in the jar ({@code prices.csv}, see docs/pricing.md); a user passes their own with {@code
 * --prices}. Every key the model needs must be present, so a typo fails at load, not as a $0 line.
 */
public final class PriceList {
  static final String HEADER = "key,usd,per,unit,source,date";

  private final Map<String, Price> prices;
  private final String origin;

  private PriceList(Map<String, Price> prices, String origin) {
    this.prices = Collections.unmodifiableMap(prices);
    this.origin = origin;
  }

  /** The list shipped with the tool. */
  public static PriceList defaults() {
    try (InputStream in = PriceList.class.getResourceAsStream("/prices.csv")) {
      if (in == null) {
        throw new IllegalStateException("prices.csv is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in prices.csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PriceList read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prices from " + file, e);
    }
  }

  public static PriceList parse(String csv, String origin) {
    Map<String, Price> prices = new LinkedHashMap<>();
    boolean header = false;
    int lineNo = 0;
    for (String line : csv.split("\r?\n")) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!trimmed.equals(HEADER)) {
          throw new PriceFileException(origin + ":" + lineNo + ": the header must be " + HEADER);
        }
        header = true;
        continue;
      }
      List<String> cells = cells(trimmed);
      if (cells.size() != 6) {
        throw new PriceFileException(
            origin + ":" + lineNo + ": expected 6 cells (" + HEADER + "), got " + cells.size());
      }
      Price price;
      try {
        price =
            new Price(
                cells.get(0),
                Double.parseDouble(cells.get(1)),
                Double.parseDouble(cells.get(2)),
                cells.get(3),
                cells.get(4),
                cells.get(5));
      } catch (IllegalArgumentException e) {
        throw new PriceFileException(origin + ":" + lineNo + ": " + e.getMessage());
      }
      if (prices.put(price.key(), price) != null) {
        throw new PriceFileException(origin + ":" + lineNo + ": " + price.key() + " appears twice");
      }
    }
    for (String key : CostModel.REQUIRED_KEYS) {
      if (!prices.containsKey(key)) {
        throw new PriceFileException(origin + ": no price for " + key);
      }
    }
    return new PriceList(prices, origin);
  }

  public Price get(String key) {
    Price price = prices.get(key);
    if (price == null) {
      throw new IllegalArgumentException("no price for " + key);
    }
    return price;
  }

  /** Dollars for one unit of {@code key}. */
  public double unit(String key) {
    return get(key).unitPrice();
  }

  public List<Price> all() {
    return new ArrayList<>(prices.values());
  }

  public String origin() {
    return origin;
  }

  /** RFC 4180 cells: commas separate, double quotes enclose, {@code ""} is a quote inside. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  /** The price file cannot be used; the message names the file, the line and what is wrong. */
  public static final class PriceFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PriceFileException(String message) {
      super(message);
    }
  }
}
