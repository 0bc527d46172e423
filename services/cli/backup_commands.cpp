// kanalctl backup FILE | restore FILE: the workspace's database. SQLite (a
// local workspace): a consistent snapshot taken while kanald runs (SQLite's
// online backup, page by page, starting again when kanald writes
// meanwhile), checked before it is named FILE; a restore needs kanald
// stopped (it takes the workspace's lock), checks the file is a whole Kanal
// database, and keeps the database it replaces beside it. PostgreSQL (a
// team workspace): pg_dump's snapshot while kanald runs; a restore needs
// every kanald of the team stopped (no other session on the database),
// dumps the database it replaces beside FILE first, and restores in one
// transaction.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/URI.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/paths.h"
#include "core/process.h"

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

std::string stamp_now() {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

// ---- PostgreSQL: pg_dump, pg_restore and psql do the work.

// A PostgreSQL client program on PATH.
std::filesystem::path client_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::filesystem::path candidate = std::filesystem::path(dirs.substr(0, colon)) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
  }
  throw Error(ErrorCode::unavailable, name + " is not installed (Debian: the postgresql-client package)");
}

// A folder only this user can read (mkdtemp), removed with what is in it:
// where the tools' output and the restore's script go, so nobody else can
// read them or put something there first.
class PrivateFolder {
 public:
  PrivateFolder() {
    auto pattern = (std::filesystem::temp_directory_path() / "kanalctl-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::internal, "cannot make a private folder: " + std::string(std::strerror(errno)));
    }
    path_ = pattern;
  }
  ~PrivateFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct ToolRun {
  int exit_code = -1;
  std::string output;  // standard output and error
};

ToolRun run_tool(const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), client_program(name).string());
  const PrivateFolder folder;
  const auto output = folder / "output";
  const auto pid = spawn_process(SpawnOptions{args, {}, output});
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.output = read_whole_file(output).value_or("");
  return run;
}

// The URL without its password, which goes to the tools in PGPASSWORD
// (never on a command line others can read). Cut from the text as written:
// postgresql://user:secret@host/db, or postgresql:///db?host=/run/postgresql.
std::string without_password(const std::string& url) {
  const auto authority = url.find("://");
  if (authority == std::string::npos) return url;
  const auto start = authority + 3;
  const auto end = url.find_first_of("/?", start);
  const auto at = url.rfind('@', end == std::string::npos ? std::string::npos : end);
  if (at == std::string::npos || at < start) return url;
  const auto colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return url;
  std::string password;
  Poco::URI::decode(url.substr(colon + 1, at - colon - 1), password);  // as written: percent-encoded
  ::setenv("PGPASSWORD", password.c_str(), 1);
  return url.substr(0, colon) + url.substr(at);
}

// Throws unless `file` is pg_dump's archive of a Kanal database.
void require_kanal_dump(const std::filesystem::path& file) {
  const auto listing = run_tool("pg_restore", {"--list", file.string()});
  if (listing.exit_code != 0 || listing.output.find("schema_migrations") == std::string::npos) {
    throw Error(ErrorCode::invalid_input, file.string() + " is not a pg_dump archive of a Kanal database", "file");
  }
}

void dump_postgres(const std::string& url, const std::filesystem::path& file) {
  const auto partial = std::filesystem::path(file.string() + ".part");
  std::filesystem::remove(partial);
  const auto dumped = run_tool(
      "pg_dump", {"--format=custom", "--no-owner", "--no-privileges", "--file=" + partial.string(), "--dbname=" + url});
  try {
    if (dumped.exit_code != 0) throw Error(ErrorCode::unavailable, "pg_dump failed: " + dumped.output);
    require_kanal_dump(partial);
  } catch (...) {
    std::filesystem::remove(partial);
    throw;
  }
  std::filesystem::rename(partial, file);
}

int backup_postgres(const std::string& url, const std::filesystem::path& file, std::ostream& out) {
  dump_postgres(without_password(url), file);
  out << "Backed up the PostgreSQL database (pg_dump, a consistent snapshot) to " << file.string() << ".\n";
  return 0;
}

int restore_postgres(const std::string& url, const std::filesystem::path& file, std::ostream& out) {
  const auto target = without_password(url);
  require_kanal_dump(file);
  const auto sessions = run_tool("psql", {"--no-psqlrc", "--tuples-only", "--no-align", "--dbname=" + target,
                                          "--command=SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                          "current_database() AND pid <> pg_backend_pid()"});
  if (sessions.exit_code != 0) throw Error(ErrorCode::unavailable, "cannot reach the database: " + sessions.output);
  if (const auto others = sessions.output.substr(0, sessions.output.find('\n')); others != "0") {
    throw Error(ErrorCode::unavailable, others +
                                            " other sessions use the database (kanald?): stop every kanald of "
                                            "the team first");
  }
  const auto aside = file.parent_path() / ("before-restore-" + stamp_now() + ".dump");
  dump_postgres(target, aside);
  // The schema is emptied and the backup put in, in one transaction: no
  // table of a later migration survives, and a failure changes nothing.
  const PrivateFolder folder;
  const auto script = folder / "restore.sql";
  const auto written =
      run_tool("pg_restore", {"--no-owner", "--no-privileges", "--file=" + script.string(), file.string()});
  if (written.exit_code != 0) {
    throw Error(ErrorCode::invalid_input, "pg_restore cannot read the backup: " + written.output, "file");
  }
  const auto restored = run_tool(
      "psql", {"--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--dbname=" + target,
               "--command=DROP SCHEMA public CASCADE", "--command=CREATE SCHEMA public", "--file=" + script.string()});
  if (restored.exit_code != 0) {
    throw Error(ErrorCode::unavailable, "the restore failed (nothing was changed): " + restored.output);
  }
  out << "Restored the PostgreSQL database from " << file.string() << "; the database it replaced is kept as "
      << aside.string() << ". Start kanald again.\n";
  return 0;
}

// ---- SQLite

std::filesystem::path database_of(const Arguments& args, const std::filesystem::path& data_dir) {
  const auto it = args.options.find("database");
  if (it == args.options.end()) return data_dir / "kanal.db";
  if (it->second.rfind("sqlite:", 0) == 0) return it->second.substr(7);
  throw UsageError("--database takes sqlite:PATH or postgresql://…");
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
    const auto aside = database.string() + ".before-restore-" + stamp_now();
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
  ::umask(077);  // every file made here, and by pg_dump, is the owner's alone from its first byte
  // A team's database URL, which may hold a password: from KANAL_DATABASE
  // rather than the command line, which others can read.
  std::string url;
  if (const auto given = args.options.find("database"); given != args.options.end()) {
    url = given->second;
  } else if (const char* env = std::getenv("KANAL_DATABASE"); env != nullptr) {
    url = env;
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return command[0] == "backup" ? backup_postgres(url, command[1], out) : restore_postgres(url, command[1], out);
  }
  const std::filesystem::path data_dir = args.data_dir ? std::filesystem::path(*args.data_dir) : default_data_dir();
  const auto database = database_of(args, data_dir);
  return command[0] == "backup" ? backup(database, command[1], out) : restore(data_dir, database, command[1], out);
}

}  // namespace kanal::cli
