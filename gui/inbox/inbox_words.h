#pragma once
// How the inbox says what the moderation decided: the badge on a row, its
// tooltip, and durations such as a time to first answer.

#include <chrono>
#include <string>

#include "api/wire/inbox.h"

namespace kanal::gui {

// A short badge: "Hidden · threat", "Hiding · threat" (the network has not answered yet),
// "Review · hate", "Wanted hidden · network refused",
// "Question", "Thanks"; empty for an ordinary comment.
std::string moderation_badge(const wire::InboxItem& item);
// Why, for the badge's tooltip: the rule or the features, who decided, what the network did.
std::string moderation_reason(const wire::InboxItem& item);
// "45 s", "12 min", "3 h 05 min", "2 d 4 h".
std::string duration_words(std::chrono::seconds duration);

}  // namespace kanal::gui
