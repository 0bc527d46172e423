#pragma once
// Versioned schema migrations, applied at start, each in one transaction and
// recorded in schema_migrations. A database newer than this binary is refused.

#include <Poco/Data/Session.h>

#include <functional>
#include <string>
#include <vector>

#include "store/database.h"

namespace kanal::store {

struct Migration {
  int version = 0;
  std::string name;
  // Statements run in order. "%ID%" stands for the dialect's auto-numbered
  // primary key column; a statement that starts with "%SQLITE%" or
  // "%POSTGRESQL%" runs on that dialect alone.
  std::vector<std::string> statements;
  // Run after the statements, in the same transaction (data the SQL alone cannot move).
  std::function<void(Poco::Data::Session&)> then;
};

// Kanal's own migrations, in version order.
const std::vector<Migration>& schema_migrations();

// Returns the number applied. Throws kanal::Error when the database's schema
// is newer than the newest migration given.
int migrate(Database& db, const std::vector<Migration>& migrations = schema_migrations());

// The version the database is at (0 for a new one).
int schema_version(Database& db);

}  // namespace kanal::store
