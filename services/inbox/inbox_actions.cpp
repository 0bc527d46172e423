#include "inbox/inbox_actions.h"

#include "core/json.h"
#include "networks/connection.h"
#include "store/audit_repository.h"

namespace kanal::inbox {
namespace {

std::string network_reason(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const plugin::NetworkError& e) {
    return e.reason();
  } catch (const std::exception& e) {
    return e.what();
  }
}

// Runs one moderation request; the error's words when the network refused.
std::optional<std::string> ask(plugin::Network& network, const plugin::Connection& connection,
                               const plugin::ModerationRequest& request, std::chrono::seconds timeout) {
  try {
    networks::await(network.moderate(connection, request), timeout);
    return std::nullopt;
  } catch (...) {
    return network_reason(std::current_exception());
  }
}

// What this server offers (a federated network's servers differ: the Kanal
// sandbox can hide replies, Mastodon cannot); the network's general
// description when the server does not say.
plugin::NetworkDescription server_description(plugin::Network& network, const plugin::Connection& connection,
                                              std::chrono::seconds timeout) {
  try {
    return networks::await(network.describe(connection.instance_url), timeout);
  } catch (const std::exception&) {
    return network.description();
  }
}

plugin::ModerationRequest request_for(const store::Interaction& item, plugin::ModerationAction action) {
  return {action, item.network_id, item.author_id,
          "Reported from Kanal: this comment breaks the law or the server's rules (" + item.decision.category + ")."};
}

}  // namespace

NetworkOutcome hide_on_network(plugin::Network& network, const plugin::Connection& connection,
                               const store::Interaction& item, std::chrono::seconds timeout) {
  const auto description = server_description(network, connection, timeout);
  if (description.has(plugin::kHideReplies)) {
    if (auto refused = ask(network, connection, request_for(item, plugin::ModerationAction::hide), timeout)) {
      return {store::Visibility::hide_refused, "wanted hidden, " + description.display_name + " refused: " + *refused};
    }
    return {store::Visibility::hidden, "hidden on " + description.display_name};
  }
  if (description.has(plugin::kMuteBlockReport)) {
    if (auto refused = ask(network, connection, request_for(item, plugin::ModerationAction::mute_author), timeout)) {
      return {store::Visibility::hide_refused,
              "wanted hidden, " + description.display_name + " refused to mute the author: " + *refused};
    }
    return {store::Visibility::hidden,
            description.display_name + " cannot hide a reply: its author " + item.author_handle + " is muted"};
  }
  return {store::Visibility::hide_refused, "wanted hidden, " + description.display_name + " offers no way to hide it"};
}

NetworkOutcome unhide_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout) {
  const auto description = server_description(network, connection, timeout);
  if (item.visibility == store::Visibility::hide_refused) return {store::Visibility::visible, "shown again"};
  if (!description.has(plugin::kHideReplies)) {
    return {store::Visibility::visible, "shown in Kanal again; " + item.author_handle + " stays muted on " +
                                            description.display_name + " until someone unmutes them there"};
  }
  if (auto refused = ask(network, connection, request_for(item, plugin::ModerationAction::unhide), timeout)) {
    return {item.visibility, description.display_name + " refused to show it again: " + *refused};
  }
  return {store::Visibility::visible, "shown again on " + description.display_name};
}

NetworkOutcome act_on_author(plugin::Network& network, const plugin::Connection& connection,
                             const store::Interaction& item, plugin::ModerationAction action,
                             std::chrono::seconds timeout) {
  const char* done = action == plugin::ModerationAction::mute_author    ? "muted"
                     : action == plugin::ModerationAction::block_author ? "blocked"
                                                                        : "reported";
  if (auto refused = ask(network, connection, request_for(item, action), timeout)) {
    return {item.visibility, network.description().display_name + " refused: " + *refused};
  }
  const auto visibility = action == plugin::ModerationAction::report ? item.visibility : store::Visibility::hidden;
  return {visibility, item.author_handle + " " + done + " on " + network.description().display_name};
}

void record_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                     std::optional<UserId> actor, Timestamp at) {
  store::InteractionRepository(session).record_decision(item.id, judgement.decision, judgement.needs_review);
  const auto detail = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_id");
    w.Int64(item.account.value);
    json::write_string(w, "network_id", item.network_id);
    json::write_string(w, "author", item.author_handle);
    json::write_string(w, "category", judgement.decision.category);
    w.Key("score");
    w.Double(judgement.decision.score_permille / 1000.0);
    json::write_string(w, "action", judgement.decision.action);
    json::write_string(w, "decided_by", judgement.decision.decided_by);
    json::write_string(w, "reason", judgement.decision.reason);
    w.Key("needs_review");
    w.Bool(judgement.needs_review);
    json::write_string(w, "was", item.decision.action + " by " + item.decision.decided_by);
    w.EndObject();
  });
  store::AuditRepository(session).append(
      AuditEvent{0, at, actor, "interaction.moderated", "interaction", item.id.value, detail});
}

void record_outcome(Poco::Data::Session& session, const store::Interaction& item, const NetworkOutcome& outcome,
                    std::optional<UserId> actor, Timestamp at) {
  store::InteractionRepository(session).set_visibility(item.id, outcome.visibility, outcome.note);
  const auto detail = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_id");
    w.Int64(item.account.value);
    json::write_string(w, "network_id", item.network_id);
    json::write_string(w, "visibility", std::string(to_string(outcome.visibility)));
    json::write_string(w, "was", std::string(to_string(item.visibility)));
    json::write_string(w, "network", outcome.note);
    w.EndObject();
  });
  store::AuditRepository(session).append(
      AuditEvent{0, at, actor, "interaction.network", "interaction", item.id.value, detail});
}

}  // namespace kanal::inbox
