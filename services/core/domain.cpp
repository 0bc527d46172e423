#include "core/domain.h"

#include <array>
#include <utility>

namespace kanal {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> find_by_name(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view find_name(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::officer, "officer"},
    {Role::line_manager, "line_manager"},
    {Role::subject_expert, "subject_expert"},
    {Role::director, "director"},
    {Role::admin, "admin"},
    {Role::records_officer, "records_officer"},
}};

constexpr std::array<std::pair<PostState, std::string_view>, 8> kStates{{
    {PostState::draft, "draft"},
    {PostState::in_review, "in_review"},
    {PostState::approved, "approved"},
    {PostState::rejected, "rejected"},
    {PostState::scheduled, "scheduled"},
    {PostState::publishing, "publishing"},
    {PostState::published, "published"},
    {PostState::failed, "failed"},
}};

constexpr std::array<std::pair<AccountHealth, std::string_view>, 4> kHealth{{
    {AccountHealth::ok, "ok"},
    {AccountHealth::needs_reauthorization, "needs_reauthorization"},
    {AccountHealth::rate_limited, "rate_limited"},
    {AccountHealth::disconnected, "disconnected"},
}};

constexpr std::array<std::pair<ReviewState, std::string_view>, 4> kReviewStates{{
    {ReviewState::pending, "pending"},
    {ReviewState::approved, "approved"},
    {ReviewState::sent_back, "sent_back"},
    {ReviewState::void_, "void"},
}};

}  // namespace

std::string_view to_string(ReviewState state) { return find_name(kReviewStates, state); }
std::optional<ReviewState> parse_review_state(std::string_view text) { return find_by_name(kReviewStates, text); }
std::string_view to_string(AccountHealth health) { return find_name(kHealth, health); }
std::optional<AccountHealth> parse_account_health(std::string_view text) { return find_by_name(kHealth, text); }

std::string_view to_string(Role role) { return find_name(kRoles, role); }
std::optional<Role> parse_role(std::string_view text) { return find_by_name(kRoles, text); }
std::string_view to_string(PostState state) { return find_name(kStates, state); }
std::optional<PostState> parse_post_state(std::string_view text) { return find_by_name(kStates, text); }

}  // namespace kanal
