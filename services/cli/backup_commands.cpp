// kanalctl backup FILE | restore FILE: the local workspace's SQLite
// database. A backup is a consistent snapshot taken while kanald runs
// (SQLite's online backup, page by page, starting again when kanald writes
// meanwhile), checked before it is named FILE. A restore needs kanald
// stopped (it takes the workspace's lock), checks the file is a whole Kanal
// database, and keeps the database it replaces beside it.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/paths.h"

namespace kanal::cli {
namespace {

using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Connection open_database(const std::filesystem::path& path, int flags) {
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Connection connection(handle, &sqlite3_close);
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::unavailable,
                "cannot open " + path.string() + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(handle, 10'000);
  return connection;
}

// The one text a query answers, or "" (and the error) when it fails.
std::string single_text(sqlite3* db, const char* sql, std::string* error = nullptr) {
  sqlite3_stmt* statement = nullptr;
  std::string answer;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
    if (const auto* text = sqlite3_column_text(statement, 0)) answer = reinterpret_cast<const char*>(text);
  } else if (error) {
    *error = sqlite3_errmsg(db);
  }
  sqlite3_finalize(statement);
  return answer;
}

// Throws unless `path` is a whole Kanal database; its schema version.
std::string require_kanal_database(const std::filesystem::path& path) {
  auto db = open_database(path, SQLITE_OPEN_READONLY);
  std::string error;
  const auto integrity = single_text(db.get(), "PRAGMA integrity_check", &error);
  if (integrity != "ok") {
    throw Error(ErrorCode::invalid_input,
                path.string() + " is not a whole database: " + (integrity.empty() ? error : integrity), "file");
  }
  const auto version = single_text(db.get(), "SELECT MAX(version) FROM schema_migrations", &error);
  if (version.empty()) throw Error(ErrorCode::invalid_input, path.string() + " is not a Kanal database", "file");
  return version;
}

std::filesystem::path database_of(const Arguments& args, const std::filesystem::path& data_dir) {
  const auto it = args.options.find("database");
  if (it == args.options.end()) return data_dir / "kanal.db";
  if (it->second.rfind("sqlite:", 0) == 0) return it->second.substr(7);
  throw UsageError(
      "backup and restore take the workspace's SQLite database (--database sqlite:PATH); "
      "a team workspace on PostgreSQL is backed up with pg_dump");
}

int backup(const std::filesystem::path& database, const std::filesystem::path& file, std::ostream& out) {
  if (!std::filesystem::exists(database)) {
    throw Error(ErrorCode::not_found, "no workspace database at " + database.string());
  }
  auto source = open_database(database, SQLITE_OPEN_READWRITE);
  const auto partial = std::filesystem::path(file.string() + ".part");
  std::filesystem::remove(partial);
  int pages = 0;
  {
    auto target = open_database(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ::chmod(partial.c_str(), 0600);  // it holds the agency's record and sealed credentials
    auto* copy = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (copy == nullptr)
      throw Error(ErrorCode::unavailable, "cannot back up: " + std::string(sqlite3_errmsg(target.get())));
    int rc = SQLITE_OK;
    do {
      rc = sqlite3_backup_step(copy, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    pages = sqlite3_backup_pagecount(copy);
    sqlite3_backup_finish(copy);
    if (rc != SQLITE_DONE) {
      std::filesystem::remove(partial);
      throw Error(ErrorCode::unavailable, "the backup stopped: " + std::string(sqlite3_errstr(rc)));
    }
  }
  const auto version = require_kanal_database(partial);
  std::filesystem::rename(partial, file);
  out << "Backed up " << database.string() << " (schema version " << version << ", " << pages << " pages) to "
      << file.string() << ".\n";
  return 0;
}

int restore(const std::filesystem::path& data_dir, const std::filesystem::path& database,
            const std::filesystem::path& file, std::ostream& out) {
  // kanald holds this lock while it runs; holding it here keeps it from starting meanwhile.
  const auto lock_path = data_dir / "kanald.lock";
  const int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock < 0) throw Error(ErrorCode::unavailable, "cannot open " + lock_path.string() + ": " + std::strerror(errno));
  const std::unique_ptr<int, void (*)(int*)> unlock(new int(lock), [](int* fd) {
    ::close(*fd);
    delete fd;
  });
  if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
    throw Error(ErrorCode::unavailable, "kanald is running for " + data_dir.string() + ": stop it first");
  }
  const auto version = require_kanal_database(file);
  std::string kept;
  if (std::filesystem::exists(database)) {
    const auto stamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    const auto aside = database.string() + ".before-restore-" + stamp;
    std::filesystem::rename(database, aside);
    for (const char* suffix : {"-wal", "-shm"}) {
      const auto companion = std::filesystem::path(database.string() + suffix);
      if (std::filesystem::exists(companion)) std::filesystem::rename(companion, aside + suffix);
    }
    kept = aside;
  }
  std::filesystem::copy_file(file, database);
  ::chmod(database.c_str(), 0600);
  out << "Restored " << database.string() << " from " << file.string() << " (schema version " << version << ")";
  if (!kept.empty()) out << "; the database it replaced is kept as " << kept;
  out << ". Start kanald again.\n";
  return 0;
}

}  // namespace

int run_backup_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() != 2) throw UsageError(command[0] + " needs a FILE");
  if (args.server) throw UsageError(command[0] + " works on the local workspace (no --server)");
  const std::filesystem::path data_dir = args.data_dir ? std::filesystem::path(*args.data_dir) : default_data_dir();
  const auto database = database_of(args, data_dir);
  return command[0] == "backup" ? backup(database, command[1], out) : restore(data_dir, database, command[1], out);
}

}  // namespace kanal::cli
