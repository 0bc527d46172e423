#include "inbox/conversation_html.h"

#include "compose/preview_html.h"
#include "core/utf8.h"
#include "inbox/inbox_words.h"

namespace kanal::gui {
namespace {

std::string paragraphs(const std::string& text, std::size_t max_characters) {
  std::string shown{utf8::prefix(text, max_characters)};
  std::string html;
  for (char c : html_escaped(shown)) {
    if (c == '\n') {
      html += "<br>";
    } else {
      html += c;
    }
  }
  if (shown.size() < text.size()) {
    html += "<br><i>… (" + std::to_string(text.size() - shown.size()) + " more bytes; the whole text is kept)</i>";
  }
  return html;
}

// "2026-11-26 21:53 UTC"
std::string when(Timestamp at) {
  auto text = to_iso8601(at);
  return text.substr(0, 10) + " " + text.substr(11, 5) + " UTC";
}

}  // namespace

std::string conversation_html(const wire::Conversation& conversation, const std::string& account,
                              std::size_t max_characters) {
  const auto& item = conversation.item;
  std::string html = "<html><body>";
  // The post it answers, when the network's thread (which starts with it) could not be read,
  // or did not reach back to it (Meta names the post of a comment only for photos and videos).
  if (!conversation.post_text.empty() && (conversation.thread.empty() || conversation.thread.front().current)) {
    html += "<p><font color='#555555'>Our post on " + html_escaped(account) + ":</font><br>" +
            paragraphs(conversation.post_text, max_characters) + "</p><hr>";
  }
  if (!conversation.thread_note.empty()) {
    html += "<p><font color='#8a5300'>" + html_escaped(conversation.thread_note) + "</font></p>";
  }
  bool item_shown = false;
  for (const auto& message : conversation.thread) {
    if (message.current) {
      item_shown = true;
      // Facebook gives people no handle: the name once.
      const auto& name = item.author_name.empty() ? item.author_handle : item.author_name;
      html += "<table width='100%' bgcolor='#fff4d6' cellpadding='6'><tr><td><b>" + html_escaped(name) + "</b> " +
              (name == item.author_handle ? std::string() : html_escaped(item.author_handle) + " ") + "· " +
              when(item.created_at) + "<br>" + paragraphs(item.text, max_characters) + "</td></tr></table>";
    } else {
      html += "<p><b>" + html_escaped(message.author_handle) + "</b> · " + when(message.created_at) + "<br>" +
              paragraphs(message.text, max_characters) + "</p>";
    }
  }
  if (!item_shown) {
    html += "<table width='100%' bgcolor='#fff4d6' cellpadding='6'><tr><td><b>" + html_escaped(item.author_handle) +
            "</b> · " + when(item.created_at) + "<br>" + paragraphs(item.text, max_characters) + "</td></tr></table>";
  }
  if (item.truncated) {
    html += "<p><i>The network sent a longer text than Kanal keeps; what is shown is what was kept.</i></p>";
  }
  const auto badge = moderation_badge(item);
  html += "<p><font color='#555555'>Moderation:</font> " + html_escaped(badge.empty() ? "kept" : badge) + "<br>" +
          paragraphs(moderation_reason(item), max_characters) + "</p>";
  if (!conversation.answers.empty()) {
    html += "<hr><p><font color='#555555'>Our answers";
    if (item.first_answer_at) {
      const auto waited = std::chrono::duration_cast<std::chrono::seconds>(*item.first_answer_at - item.created_at);
      html += " (first after " + duration_words(std::max(waited, std::chrono::seconds(0))) + ")";
    }
    html += ":</font></p>";
    for (const auto& answer : conversation.answers) {
      html += "<p>" + paragraphs(answer.text, max_characters) + "<br><font color='#555555'>(" +
              html_escaped(answer.state) + ")</font></p>";
    }
  }
  return html + "</body></html>";
}

}  // namespace kanal::gui
