#include "inbox/inbox_actions.h"

#include "core/json.h"
#include "networks/connection.h"
#include "store/audit_repository.h"

namespace kanal::inbox {
namespace {

// What the network answered to one moderation request.
struct Answer {
  bool done = false;
  bool try_again = false;  // no answer, or a passing failure: not a refusal
  std::string reason;
};

Answer ask(plugin::Network& network, const plugin::Connection& connection, const plugin::ModerationRequest& request,
           std::chrono::seconds timeout) {
  try {
    networks::await(network.moderate(connection, request), timeout);
    return {true, false, {}};
  } catch (const plugin::NetworkError& e) {
    return {false, e.kind() != plugin::FailureKind::rejected, e.reason()};
  } catch (const std::exception& e) {
    return {false, true, e.what()};
  }
}

plugin::ModerationRequest request_for(const store::Interaction& item, plugin::ModerationAction action) {
  return {action, item.network_id, item.author_id,
          "Reported from Kanal: this comment breaks the law or the server's rules (" + item.decision.category + ")."};
}

NetworkOutcome try_again(const store::Interaction& item, const std::string& reason) {
  return {item.visibility, "no answer from the network yet, tried again: " + reason};
}

}  // namespace

NetworkOutcome hide_on_network(plugin::Network& network, const plugin::Connection& connection,
                               const store::Interaction& item, std::chrono::seconds timeout) {
  const auto& name = network.descriptor().display_name;
  const auto hidden = ask(network, connection, request_for(item, plugin::ModerationAction::hide), timeout);
  if (hidden.done) return {store::Visibility::hidden, "hidden on " + name};
  if (hidden.try_again) return {store::Visibility::hide_pending, "not hidden yet, tried again: " + hidden.reason};
  if (!network.descriptor().has(plugin::kMuteBlockReport)) {
    return {store::Visibility::hide_refused, "wanted hidden, " + name + " refused: " + hidden.reason};
  }
  const auto muted = ask(network, connection, request_for(item, plugin::ModerationAction::mute_author), timeout);
  if (muted.done) {
    return {store::Visibility::hidden,
            name + " could not hide it (" + hidden.reason + "): its author " + item.author_handle + " is muted"};
  }
  if (muted.try_again) return {store::Visibility::hide_pending, "not hidden yet, tried again: " + muted.reason};
  return {store::Visibility::hide_refused,
          "wanted hidden, " + name + " refused: " + hidden.reason + "; muting the author: " + muted.reason};
}

NetworkOutcome unhide_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout) {
  if (item.visibility != store::Visibility::hidden) return {store::Visibility::visible, "shown again"};
  const auto& name = network.descriptor().display_name;
  const auto shown = ask(network, connection, request_for(item, plugin::ModerationAction::unhide), timeout);
  if (shown.done) return {store::Visibility::visible, "shown again on " + name};
  if (shown.try_again) return try_again(item, shown.reason);
  return {store::Visibility::visible, "shown in Kanal again; " + name + " cannot show it again (" + shown.reason +
                                          "): if its author was muted, unmute them there"};
}

NetworkOutcome act_on_author(plugin::Network& network, const plugin::Connection& connection,
                             const store::Interaction& item, plugin::ModerationAction action,
                             std::chrono::seconds timeout) {
  const char* done = action == plugin::ModerationAction::mute_author    ? "muted"
                     : action == plugin::ModerationAction::block_author ? "blocked"
                                                                        : "reported";
  const auto answer = ask(network, connection, request_for(item, action), timeout);
  if (answer.try_again) return try_again(item, answer.reason);
  if (!answer.done) return {item.visibility, network.descriptor().display_name + " refused: " + answer.reason};
  // A muted or blocked author's comments no longer reach the account: as good as hidden.
  const auto visibility = action == plugin::ModerationAction::report ? item.visibility : store::Visibility::hidden;
  return {visibility, item.author_handle + " " + done + " on " + network.descriptor().display_name};
}

NetworkOutcome delete_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout) {
  const auto& name = network.descriptor().display_name;
  if (!network.descriptor().has(plugin::kDeleteComments)) {
    return {item.visibility, name + " does not let Kanal delete comments: nothing was done"};
  }
  const auto answer = ask(network, connection, request_for(item, plugin::ModerationAction::delete_comment), timeout);
  if (answer.try_again) return {item.visibility, "not deleted (no answer from " + name + "): " + answer.reason};
  if (!answer.done) return {item.visibility, name + " refused to delete it: " + answer.reason};
  return {store::Visibility::hidden, "deleted on " + name + " by a person; Kanal keeps it as a record"};
}

void audit_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                    std::optional<UserId> actor, Timestamp at) {
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
    if (actor) json::write_string(w, "was", item.decision.action + " by " + item.decision.decided_by);
    w.EndObject();
  });
  store::AuditRepository(session).append(
      AuditEvent{0, at, actor, "interaction.moderated", "interaction", item.id.value, detail});
}

void record_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                     std::optional<UserId> actor, Timestamp at) {
  store::InteractionRepository(session).record_decision(item.id, judgement.decision, judgement.needs_review);
  audit_decision(session, item, judgement, actor, at);
}

void record_outcome(Poco::Data::Session& session, const store::Interaction& item, const NetworkOutcome& outcome,
                    std::optional<UserId> actor, Timestamp at) {
  const bool stored =
      store::InteractionRepository(session).set_visibility(item.id, outcome.visibility, outcome.note, item.visibility);
  const auto detail = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_id");
    w.Int64(item.account.value);
    json::write_string(w, "network_id", item.network_id);
    json::write_string(w, "visibility", std::string(to_string(outcome.visibility)));
    json::write_string(w, "was", std::string(to_string(item.visibility)));
    json::write_string(w, "network", outcome.note);
    if (!stored) json::write_string(w, "kept", "a person changed the item meanwhile; their decision stands");
    w.EndObject();
  });
  store::AuditRepository(session).append(
      AuditEvent{0, at, actor, "interaction.network", "interaction", item.id.value, detail});
}

}  // namespace kanal::inbox
