#include "contacts/handle_syntax.h"

#include <algorithm>

#include "core/utf8.h"

namespace kanal::contacts {
namespace {

constexpr std::size_t kLongestAtName = 15;     // X's screen names
constexpr std::size_t kLongestLocalPart = 64;  // a fediverse user name, generously
constexpr std::size_t kLongestDomain = 253;    // RFC 1035
constexpr std::size_t kLongestLabel = 63;

// ASCII only, whatever the process's locale.
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_letter_or_digit(char c) { return is_letter(c) || (c >= '0' && c <= '9'); }
bool is_word(char c) { return is_letter_or_digit(c) || c == '_'; }

// A domain name of two labels or more: letters, digits and inner hyphens,
// the last label starting with a letter.
bool is_domain(std::string_view text) {
  if (text.empty() || text.size() > kLongestDomain) return false;
  std::size_t labels = 0;
  std::string_view last;
  for (std::size_t start = 0;;) {
    const auto dot = text.find('.', start);
    const auto label = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > kLongestLabel || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_letter_or_digit(c) || c == '-'; })) {
      return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2 && is_letter(last.front());
}

// A fediverse user name: word characters, with dots and hyphens inside.
bool is_local_part(std::string_view text) {
  if (text.empty() || text.size() > kLongestLocalPart || !is_word(text.front()) || !is_word(text.back())) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

bool fits(std::string_view name, MentionStyle style) {
  switch (style) {
    case MentionStyle::at_name:
      return !name.empty() && name.size() <= kLongestAtName && std::all_of(name.begin(), name.end(), is_word);
    case MentionStyle::at_name_host: {
      const auto at = name.find('@');
      if (at == std::string_view::npos) return is_local_part(name);
      return is_local_part(name.substr(0, at)) && is_domain(name.substr(at + 1));
    }
    case MentionStyle::at_domain: return is_domain(name);
  }
  return false;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string_view handle_form(MentionStyle style) {
  switch (style) {
    case MentionStyle::at_name: return "@name (letters a-z, digits and _, at most 15)";
    case MentionStyle::at_name_host: return "@name@server.example or @name";
    case MentionStyle::at_domain: return "@name.domain.example";
  }
  return "@name";
}

HandleCheck check_handle(std::string_view written, MentionStyle style) {
  const auto text = trimmed(written);
  HandleCheck check;
  if (text.empty()) {
    check.problem = "the handle is empty";
    return check;
  }
  check.handle = text.front() == '@' ? std::string(text) : "@" + std::string(text);
  if (!fits(std::string_view(check.handle).substr(1), style)) {
    const auto shown = utf8::is_valid(check.handle) ? utf8::preview(check.handle, 60) : std::string("the handle");
    check.problem = "\"" + shown + "\" is not a handle there: write " + std::string(handle_form(style));
  }
  return check;
}

std::string handle_key(std::string_view handle) {
  std::string key(handle);
  for (auto& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

}  // namespace kanal::contacts
