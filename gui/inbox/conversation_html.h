#pragma once
// A conversation as the Inbox view shows it (HTML for wxHtmlWindow): the
// agency's post it answers, the thread on the network with the item
// marked, the moderation's decision and why, and the answers so far.

#include <string>

#include "api/wire/inbox.h"

namespace kanal::gui {

// `account` names the account it came to; long texts are shown cut at
// `max_characters` with a note.
std::string conversation_html(const wire::Conversation& conversation, const std::string& account,
                              std::size_t max_characters = 5000);

}  // namespace kanal::gui
