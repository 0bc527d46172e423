#include "support/test_databases.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace kanal::test {

std::string postgres_admin_url() {
  const std::string dir = KANAL_TEST_PG_DIR;
  std::ifstream in(dir + "/url");
  std::string url;
  if (!(in >> url)) throw std::runtime_error("no PostgreSQL test cluster running in " + dir + " (ctest starts it)");
  return url;
}

TestDatabase::TestDatabase() {
  const char* kind = std::getenv("KANAL_TEST_DATABASE");
  postgresql_ = kind != nullptr && std::string(kind) == "postgresql";
  if (!postgresql_) {
    url_ = "sqlite:" + (dir_.path() / "kanal.db").string();
    return;
  }
  static std::atomic<int> counter{0};
  std::random_device random;
  name_ = "kanal_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(random() % 100000);
  admin_url_ = postgres_admin_url();
  try {
    auto admin = store::Database::open(admin_url_, {});
    admin->read([&](Poco::Data::Session& session) { session << "CREATE DATABASE " + name_, now; });
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot create a test database in " + admin_url_ + ": " + e.what());
  }
  url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
}

TestDatabase::~TestDatabase() {
  if (!postgresql_) return;
  try {
    auto admin = store::Database::open(admin_url_, {});
    admin->read(
        [&](Poco::Data::Session& session) { session << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", now; });
  } catch (...) {
    // The cluster is thrown away at the end of the run anyway.
  }
}

std::unique_ptr<store::Database> TestDatabase::open() const { return store::Database::open(url_, {}); }

}  // namespace kanal::test
