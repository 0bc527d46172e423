#pragma once
// One database, SQLite (the embedded default) or PostgreSQL (team mode),
// behind Poco::Data. Hands out pooled sessions; runs work in transactions;
// turns driver exceptions into kanal::Error.

#include <Poco/Data/Session.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace kanal::store {

enum class Dialect { sqlite, postgresql };

class Database {
 public:
  // url: "postgresql://…" / "postgres://…" (libpq URI) for PostgreSQL;
  // "sqlite:PATH" or empty for SQLite (empty: `default_sqlite_path`).
  // Refuses (kanal::Error) a file that is not a database, is read-only or is
  // from a newer Kanal — without writing to it.
  static std::unique_ptr<Database> open(const std::string& url, const std::filesystem::path& default_sqlite_path);
  ~Database();

  Dialect dialect() const noexcept { return dialect_; }
  // What to show in logs: the file, or the PostgreSQL URL without password.
  const std::string& description() const noexcept { return description_; }

  // Runs fn(session) in one transaction: committed when fn returns, rolled
  // back when it throws. Driver errors surface as kanal::Error.
  template <class Fn>
  auto transact(Fn fn) {
    auto lease = acquire();
    using R = decltype(fn(*lease));
    if constexpr (std::is_void_v<R>) {
      run_in_transaction(lease, [&](Poco::Data::Session& s) { fn(s); });
    } else {
      std::optional<R> result;
      run_in_transaction(lease, [&](Poco::Data::Session& s) { result.emplace(fn(s)); });
      return std::move(*result);
    }
  }

  // Runs fn(session) outside an explicit transaction (single reads).
  template <class Fn>
  auto read(Fn fn) {
    auto lease = acquire();
    return translate_errors([&] { return fn(*lease); });
  }

  // Turns Poco/driver exceptions thrown by fn into kanal::Error.
  template <class Fn>
  static auto translate_errors(Fn fn) {
    try {
      return fn();
    } catch (...) {
      rethrow_as_kanal_error();
    }
  }

  // The dialect's SQL for "an auto-numbered primary key column".
  std::string identity_column() const;

 private:
  class SessionLease {
   public:
    SessionLease(Database& owner, std::unique_ptr<Poco::Data::Session> session);
    ~SessionLease();
    SessionLease(const SessionLease&) = delete;
    SessionLease& operator=(const SessionLease&) = delete;
    Poco::Data::Session& operator*() { return *session_; }
    // The session is in an unknown state (a rollback failed): close it
    // instead of returning it to the pool.
    void discard() { session_.reset(); }

   private:
    Database& owner_;
    std::unique_ptr<Poco::Data::Session> session_;
  };

  Database(Dialect dialect, std::string connector_string, std::string description);
  SessionLease acquire();
  std::unique_ptr<Poco::Data::Session> connect();
  void release(std::unique_ptr<Poco::Data::Session> session);
  void run_in_transaction(SessionLease& lease, const std::function<void(Poco::Data::Session&)>& fn);
  [[noreturn]] static void rethrow_as_kanal_error();

  Dialect dialect_;
  std::string connector_string_;
  std::string description_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Poco::Data::Session>> idle_;
};

}  // namespace kanal::store
