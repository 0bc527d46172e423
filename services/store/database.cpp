#include "store/database.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <unistd.h>

#include <fstream>
#include <optional>

#include "core/error.h"

using namespace Poco::Data::Keywords;

namespace kanal::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// What to log of a PostgreSQL URL: user, host, port and database — never a
// password, wherever the URL carries it.
std::string describe_postgres(const std::string& url) {
  try {
    Poco::URI uri(url);
    const auto& user_info = uri.getUserInfo();
    const auto user = user_info.substr(0, user_info.find(':'));
    return "postgresql://" + (user.empty() ? "" : user + "@") + uri.getHost() +
           (uri.getPort() != 0 ? ":" + std::to_string(uri.getPort()) : "") + uri.getPath();
  } catch (const Poco::Exception&) {
    return "postgresql (malformed URL)";
  }
}

// A file that exists but does not start with SQLite's magic header is not
// ours to touch: SQLite would otherwise fail later, or worse, on an empty
// header, happily write.
void check_sqlite_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(ErrorCode::unavailable, "cannot read database file " + path.string() + ": " + ec.message());
  if (size > 0) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (!in || std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16)) {
      throw Error(ErrorCode::unavailable, "database file " + path.string() +
                                              " is not a SQLite database (corrupt or foreign); refusing to start. "
                                              "The file was not modified.");
    }
  }
  if (::access(path.c_str(), W_OK) != 0) {
    throw Error(ErrorCode::unavailable,
                "database file " + path.string() + " is read-only; refusing to start. The file was not modified.");
  }
}

// Poco's PostgreSQL connector takes libpq's "key=value" form, not URIs.
std::string libpq_keywords(const std::string& url) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::SyntaxException& e) {
    throw Error(ErrorCode::invalid_input, "the database URL is malformed: " + e.displayText(), "database");
  }
  auto quoted = [](const std::string& value) {
    std::string out = "'";
    for (char c : value) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    return out + "'";
  };
  std::string keywords;
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) keywords += (keywords.empty() ? "" : " ") + key + "=" + quoted(value);
  };
  const auto& user_info = uri.getUserInfo();
  const auto colon = user_info.find(':');
  add("host", uri.getHost());
  if (uri.getPort() != 0) add("port", std::to_string(uri.getPort()));
  add("dbname", uri.getPath().empty() ? std::string() : uri.getPath().substr(1));
  add("user", user_info.substr(0, colon));
  if (colon != std::string::npos) add("password", user_info.substr(colon + 1));
  for (const auto& [key, value] : uri.getQueryParameters()) add(key, value);
  return keywords;
}

}  // namespace

std::unique_ptr<Database> Database::open(const std::string& url, const std::filesystem::path& default_sqlite_path) {
  register_connectors();
  std::unique_ptr<Database> db;
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    db.reset(new Database(Dialect::postgresql, libpq_keywords(url), describe_postgres(url)));
  } else {
    std::filesystem::path path = default_sqlite_path;
    if (starts_with(url, "sqlite:")) {
      path = url.substr(7);
    } else if (!url.empty()) {
      throw Error(ErrorCode::invalid_input, "unknown database URL '" + url + "' (use postgresql://… or sqlite:PATH)",
                  "database");
    }
    check_sqlite_file(path);
    db.reset(new Database(Dialect::sqlite, path.string(), path.string()));
  }
  // Connect once now, so a bad URL or file fails at start, not at the first request.
  db->release(translate_errors([&] { return db->connect(); }));
  return db;
}

Database::Database(Dialect dialect, std::string connector_string, std::string description)
    : dialect_(dialect), connector_string_(std::move(connector_string)), description_(std::move(description)) {}

Database::~Database() = default;

std::string Database::identity_column() const {
  return dialect_ == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                     : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
}

std::unique_ptr<Poco::Data::Session> Database::connect() {
  if (dialect_ == Dialect::postgresql) {
    return std::make_unique<Poco::Data::Session>("PostgreSQL", connector_string_);
  }
  auto session = std::make_unique<Poco::Data::Session>("SQLite", connector_string_);
  std::string journal_mode;
  int busy_timeout = 0;
  *session << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), into(busy_timeout), now;
  *session << "PRAGMA journal_mode = WAL", into(journal_mode), now;
  *session << "PRAGMA foreign_keys = ON", now;
  *session << "PRAGMA synchronous = NORMAL", now;  // safe with WAL: a crash loses no committed transaction's integrity
  return session;
}

Database::SessionLease::SessionLease(Database& owner, std::unique_ptr<Poco::Data::Session> session)
    : owner_(owner), session_(std::move(session)) {}

Database::SessionLease::~SessionLease() {
  if (session_) owner_.release(std::move(session_));
}

Database::SessionLease Database::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return SessionLease(*this, std::move(session));
    }
  }
  return SessionLease(*this, translate_errors([&] { return connect(); }));
}

void Database::release(std::unique_ptr<Poco::Data::Session> session) {
  // A session left in a broken state (e.g. a dropped PostgreSQL connection) is not reused.
  bool healthy = false;
  try {
    healthy = session->isConnected() && !session->isTransaction();
  } catch (...) {
    healthy = false;
  }
  if (!healthy) return;
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(session));
}

void Database::run_in_transaction(SessionLease& lease, const std::function<void(Poco::Data::Session&)>& fn) {
  auto& session = *lease;
  translate_errors([&] {
    // SQLite: take the write lock up front, so two writers queue on the busy
    // timeout instead of failing on a lock upgrade.
    if (dialect_ == Dialect::sqlite) {
      session << "BEGIN IMMEDIATE", now;
    } else {
      session.begin();
    }
    try {
      fn(session);
      if (dialect_ == Dialect::sqlite) {
        session << "COMMIT", now;
      } else {
        session.commit();
      }
    } catch (...) {
      try {
        if (dialect_ == Dialect::sqlite) {
          session << "ROLLBACK", now;
        } else {
          session.rollback();
        }
      } catch (...) {
        lease.discard();  // may still be inside the transaction: never reuse it
      }
      throw;
    }
    return 0;
  });
}

void Database::rethrow_as_kanal_error() {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const Poco::Data::SQLite::DBLockedException& e) {
    throw Error(ErrorCode::unavailable, "the database is busy: " + e.displayText());
  } catch (const Poco::Data::SQLite::TableLockedException& e) {
    throw Error(ErrorCode::unavailable, "the database is busy: " + e.displayText());
  } catch (const Poco::Data::SQLite::ReadOnlyException& e) {
    throw Error(ErrorCode::unavailable, "the database is read-only: " + e.displayText());
  } catch (const Poco::Data::SQLite::CorruptImageException& e) {
    throw Error(ErrorCode::unavailable, "the database file is corrupt: " + e.displayText());
  } catch (const Poco::Data::SQLite::CantOpenDBFileException& e) {
    throw Error(ErrorCode::unavailable, "cannot open the database file: " + e.displayText());
  } catch (const Poco::Data::PostgreSQL::TransactionException& e) {
    throw Error(ErrorCode::unavailable, "the database transaction failed: " + e.displayText());
  } catch (const Poco::Data::PostgreSQL::ConnectionException& e) {
    throw Error(ErrorCode::unavailable, "cannot reach PostgreSQL: " + e.displayText());
  } catch (const Poco::Data::ConnectionFailedException& e) {
    throw Error(ErrorCode::unavailable, "cannot connect to the database: " + e.displayText());
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCode::internal, "database error: " + e.displayText());
  }
}

}  // namespace kanal::store
