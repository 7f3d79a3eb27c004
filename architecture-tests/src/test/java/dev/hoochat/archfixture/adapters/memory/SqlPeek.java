package dev.hoochat.archfixture.adapters.memory;

import java.sql.Connection;
import java.sql.SQLException;

/** Planted: an adapter other than SQLite's opening a database with JDBC. */
public class SqlPeek {
  public boolean peek(Connection connection) throws SQLException {
    return connection.isValid(1);
  }
}
