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

std::string_view to_string(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::reply: return "reply";
    case InteractionKind::mention: return "mention";
    case InteractionKind::direct_message: return "direct_message";
  }
  return "unknown";
}

std::string_view to_string(ModerationAction action) {
  switch (action) {
    case ModerationAction::hide: return "hide";
    case ModerationAction::unhide: return "unhide";
    case ModerationAction::mute_author: return "mute_author";
    case ModerationAction::block_author: return "block_author";
    case ModerationAction::report: return "report";
  }
  return "unknown";
}

}  // namespace kanal::plugin
