#include "inbox/inbox_words.h"

#include <cstdio>

namespace kanal::gui {
namespace {

std::string category_words(const std::string& category) {
  if (category == "personal_data") return "personal data";
  if (category == "hate") return "hate";
  return category;
}

}  // namespace

std::string moderation_badge(const wire::InboxItem& item) {
  if (item.visibility == "hidden") return "Hidden · " + category_words(item.category);
  if (item.visibility == "hide_refused") return "Wanted hidden · network refused";
  if (item.visibility == "hide_pending") return "Hiding · " + category_words(item.category);
  if (item.needs_review) return "Review · " + category_words(item.category);
  if (item.category == "question") return "Question";
  if (item.category == "thanks") return "Thanks";
  return {};
}

std::string moderation_reason(const wire::InboxItem& item) {
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", item.score);
  std::string out =
      category_words(item.category) + " (" + score + "), " + item.action + ", decided by " + item.decided_by;
  if (!item.reason.empty()) out += "\n" + item.reason;
  if (!item.network_note.empty()) out += "\nNetwork: " + item.network_note;
  return out;
}

std::string duration_words(std::chrono::seconds duration) {
  const auto s = duration.count();
  char text[32];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(s));
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%lld min", static_cast<long long>(s / 60));
  } else if (s < 86400) {
    std::snprintf(text, sizeof text, "%lld h %02lld min", static_cast<long long>(s / 3600),
                  static_cast<long long>(s % 3600 / 60));
  } else {
    std::snprintf(text, sizeof text, "%lld d %lld h", static_cast<long long>(s / 86400),
                  static_cast<long long>(s % 86400 / 3600));
  }
  return text;
}

}  // namespace kanal::gui
