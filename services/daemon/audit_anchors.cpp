#include "daemon/audit_anchors.h"

#include "api/wire/audit.h"
#include "core/error.h"
#include "core/paths.h"

namespace kanal::daemon {
namespace {

constexpr auto kEvery = std::chrono::hours(24);

// "20261207T141523Z"
std::string file_time(Timestamp at) {
  std::string out;
  for (char c : to_iso8601(at).substr(0, 19)) {  // "2026-12-07T14:15:23"
    if (c != '-' && c != ':') out += c;
  }
  return out + "Z";
}

}  // namespace

AuditAnchors::AuditAnchors(std::filesystem::path data_dir, store::Database& db, const store::AnchorKey& key,
                           const Clock& clock, Poco::Logger& log)
    : dir_(data_dir / "audit-anchors"), db_(db), key_(key), clock_(clock), log_(log) {}

AuditAnchor AuditAnchors::anchor_now() {
  std::lock_guard lock(mutex_);
  const auto anchor =
      db_.read([&](Poco::Data::Session& session) { return store::anchor_head(session, key_, clock_.now()); });
  create_private_directories(dir_);
  const auto file = dir_ / ("anchor-" + std::to_string(anchor.seq) + "-" + file_time(anchor.anchored_at) + ".json");
  write_private_file(file, wire::to_json(anchor) + "\n");
  log_.information("the audit trail is anchored at event %Ld: %s", static_cast<long long>(anchor.seq), file.string());
  return anchor;
}

void AuditAnchors::anchor_if_due() {
  try {
    std::error_code error;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(dir_, error)) {
      std::error_code unreadable;
      const auto written = entry.last_write_time(unreadable);
      if (!unreadable && now - written < kEvery) return;
    }
    anchor_now();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::invalid_input || e.detail().find("empty") == std::string::npos) {
      log_.error("the daily audit anchor was not written: %s", e.detail());
    }
  } catch (const std::exception& e) {
    log_.error("the daily audit anchor was not written: %s", std::string(e.what()));
  }
}

}  // namespace kanal::daemon
