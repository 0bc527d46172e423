#include "sandbox/faults.h"

#include "core/error.h"
#include "core/json.h"

namespace kanal::sandbox {

void FaultPlan::add(Fault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

void FaultPlan::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
  latency_ = std::chrono::milliseconds(0);
}

void FaultPlan::set_latency(std::chrono::milliseconds latency) {
  std::lock_guard lock(mutex_);
  latency_ = latency;
}

std::chrono::milliseconds FaultPlan::latency() const {
  std::lock_guard lock(mutex_);
  return latency_;
}

std::optional<Fault> FaultPlan::take(const std::string& path) {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (path.rfind(it->path_prefix, 0) != 0) continue;
    if (it->skip > 0) {
      --it->skip;  // this one passes untouched; a later one gets the fault
      return std::nullopt;
    }
    Fault fault = *it;
    if (--it->remaining <= 0) faults_.erase(it);
    return fault;
  }
  return std::nullopt;
}

Fault FaultPlan::parse(const std::string& body) {
  auto doc = json::parse_json(body);
  json::ObjectReader reader(doc);
  Fault fault;
  const auto kind = reader.required_string("kind", 32);
  if (kind == "server_error") {
    fault.kind = FaultKind::server_error;
  } else if (kind == "rate_limited") {
    fault.kind = FaultKind::rate_limited;
  } else if (kind == "drop_after") {
    fault.kind = FaultKind::drop_after;
  } else if (kind == "malformed_json") {
    fault.kind = FaultKind::malformed_json;
  } else if (kind == "timeout") {
    fault.kind = FaultKind::timeout;
  } else if (kind == "malformed_items") {
    fault.kind = FaultKind::malformed_items;
  } else if (kind == "unprocessable") {
    fault.kind = FaultKind::unprocessable;
  } else {
    throw Error(ErrorCode::invalid_input, "unknown fault kind '" + kind + "'", "kind");
  }
  fault.path_prefix = reader.optional_string("path", 256).value_or("/api/");
  fault.remaining = static_cast<int>(reader.optional_int("count", 1, 100000).value_or(1));
  fault.delay = std::chrono::milliseconds(reader.optional_int("delay_ms", 0, 600000).value_or(0));
  fault.skip = static_cast<int>(reader.optional_int("skip", 0, 100000).value_or(0));
  reader.reject_unknown();
  return fault;
}

}  // namespace kanal::sandbox
