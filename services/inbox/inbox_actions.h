#pragma once
// Acting on a comment: on the network (hide, show again, or — where the
// network cannot hide a reply — mute, block or report its author), and in
// the store, where every decision is recorded with its audit event.

#include <Poco/Data/Session.h>

#include <chrono>
#include <optional>
#include <string>

#include "inbox/moderator.h"
#include "kanal/plugin/network.h"
#include "store/interaction_repository.h"

namespace kanal::inbox {

// What the network did. Never throws: a refusal is an outcome.
struct NetworkOutcome {
  store::Visibility visibility = store::Visibility::visible;
  std::string note;  // in words, for the inbox and the trail
};

// Hides `item` where the network can hide replies; otherwise mutes its
// author (their comments no longer reach the account). A refusal leaves it
// hide_refused: wanted hidden, the network refused.
NetworkOutcome hide_on_network(plugin::Network& network, const plugin::Connection& connection,
                               const store::Interaction& item, std::chrono::seconds timeout);
NetworkOutcome unhide_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout);
// Mute, block or report the author: what a person chooses where hiding is not offered.
NetworkOutcome act_on_author(plugin::Network& network, const plugin::Connection& connection,
                             const store::Interaction& item, plugin::ModerationAction action,
                             std::chrono::seconds timeout);

// Stores the decision and appends "interaction.moderated" to the trail:
// category, score, action, who or what decided and why. `actor` empty:
// Kanal decided.
void record_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                     std::optional<UserId> actor, Timestamp at);
// Stores what the network did and appends "interaction.network" to the trail.
void record_outcome(Poco::Data::Session& session, const store::Interaction& item, const NetworkOutcome& outcome,
                    std::optional<UserId> actor, Timestamp at);

}  // namespace kanal::inbox
