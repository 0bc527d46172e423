#include "kanal/plugin/network.h"

namespace kanal::plugin {

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::auth_expired: return "auth_expired";
    case FailureKind::rate_limited: return "rate_limited";
    case FailureKind::rejected: return "rejected";
    case FailureKind::transient: return "transient";
    case FailureKind::unknown_outcome: return "unknown_outcome";
  }
  return "unknown";
}

}  // namespace kanal::plugin
