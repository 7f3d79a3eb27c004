package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole API on the standalone server's default store, SQLite, with no cache so that every read
 * reaches the file; the anonymity check reads every row of every table, as a dump would.
 */
class StandaloneSqliteEndToEndTest extends ChatEndToEndSuite {

  @Override
  protected ChatDeployment deploy() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("hoochat-e2e-sqlite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerConfig config =
        ServerConfig.embedded().toBuilder()
            .store(StoreChoice.SQLITE)
            .dataDir(dataDir)
            .cache(CacheChoice.NONE)
            .postsPerMinute(0)
            .passwordIterations(1_000)
            .build();
    return StandaloneDeployment.start(config, () -> dump(dataDir.resolve("hoochat.db")));
  }

  /** Every row of every table, one text per row: what {@code sqlite3 hoochat.db .dump} shows. */
  static List<String> dump(Path database) {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(table).append(':');
            for (int i = 1; i <= columns; i++) {
              row.append(' ').append(rs.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot dump " + database, e);
    }
    return rows;
  }
}
