#pragma once
// Acting on a comment: on the network (hide, show again, or — where the
// network cannot hide it — mute its author; block and report on request),
// and in the store, where every decision and every outcome is recorded with
// its audit event.

#include <Poco/Data/Session.h>

#include <chrono>
#include <optional>
#include <string>

#include "inbox/moderator.h"
#include "kanal/plugin/network.h"
#include "store/interaction_repository.h"

namespace kanal::inbox {

// What the network did. Never throws: a refusal, or no answer, is an outcome.
struct NetworkOutcome {
  store::Visibility visibility = store::Visibility::visible;
  std::string note;  // in words, for the inbox and the trail
};

// Hides `item` on the network; where the network refuses to hide it (plain
// Mastodon cannot hide a reply; nobody hides a mention on another's post),
// mutes its author instead. No answer: still hide_pending (tried again);
// refused both ways: hide_refused (a person must look).
NetworkOutcome hide_on_network(plugin::Network& network, const plugin::Connection& connection,
                               const store::Interaction& item, std::chrono::seconds timeout);
NetworkOutcome unhide_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout);
// Mute, block or report the author, as a person chooses.
NetworkOutcome act_on_author(plugin::Network& network, const plugin::Connection& connection,
                             const store::Interaction& item, plugin::ModerationAction action,
                             std::chrono::seconds timeout);

// Deletes the comment on the network, as a person chooses (never the
// policy). Kanal keeps its own record of it: comments received are public
// records. Shown as hidden from then on.
NetworkOutcome delete_on_network(plugin::Network& network, const plugin::Connection& connection,
                                 const store::Interaction& item, std::chrono::seconds timeout);

// Appends "interaction.moderated" to the trail: category, score, action, who
// or what decided and why, and what was decided before. `actor` empty: Kanal.
void audit_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                    std::optional<UserId> actor, Timestamp at);
// Stores a changed decision (a person's) and audits it.
void record_decision(Poco::Data::Session& session, const store::Interaction& item, const Judgement& judgement,
                     std::optional<UserId> actor, Timestamp at);
// Stores what the network did — unless the item changed since `item` was
// read (a person acted meanwhile) — and appends "interaction.network".
void record_outcome(Poco::Data::Session& session, const store::Interaction& item, const NetworkOutcome& outcome,
                    std::optional<UserId> actor, Timestamp at);

}  // namespace kanal::inbox
