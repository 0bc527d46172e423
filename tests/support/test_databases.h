#pragma once
// The database a store test runs on: SQLite in a temp dir, or — when
// KANAL_TEST_DATABASE=postgresql — a fresh database in the throwaway cluster
// that the `postgres` CTest fixture started.

#include <memory>
#include <string>

#include "store/database.h"
#include "support/temp_dir.h"

namespace kanal::test {

class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  // A URL for kanald's --database flag.
  const std::string& url() const { return url_; }
  bool is_postgresql() const { return postgresql_; }
  std::unique_ptr<store::Database> open() const;

 private:
  TempDir dir_;
  std::string url_;
  std::string admin_url_;
  std::string name_;
  bool postgresql_ = false;
};

// The admin URL of the throwaway cluster (throws when it is not running).
std::string postgres_admin_url();

}  // namespace kanal::test
