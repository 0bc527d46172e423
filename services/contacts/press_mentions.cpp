#include "contacts/press_mentions.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

#include "contacts/handle_syntax.h"

namespace kanal::contacts {
namespace {

constexpr UChar32 kAt = '@';

// The code point at `at` in `text` and where the next one starts; U+FFFD
// for a bad byte.
std::pair<UChar32, std::size_t> next_code_point(std::string_view text, std::size_t at) {
  int32_t i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return {c < 0 ? 0xFFFD : c, static_cast<std::size_t>(i)};
}

// The code point that ends before `at`, or none at the start.
std::optional<UChar32> previous_code_point(std::string_view text, std::size_t at) {
  if (at == 0) return std::nullopt;
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  const auto [c, end] = next_code_point(text, start);
  return end == at ? c : 0xFFFD;
}

bool is_mark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// What a handle is made of (and, for the run's end, whatever letters follow:
// "@annaså" is not "@anna" followed by "så").
bool is_handle_character(UChar32 c) { return u_isalnum(c) || is_mark(c) || c == '_' || c == '.' || c == '-'; }

// An @ after these is inside a word, an address or a link, not a mention.
bool joins_previous(UChar32 c) {
  static constexpr std::u32string_view kJoining = U"_@/.+-!#$%&*=~\\\uFF20";
  return u_isalnum(c) || is_mark(c) || kJoining.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}

// The end of the run of handle characters from `at`.
std::size_t run_end(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const auto [c, next] = next_code_point(text, at);
    if (!is_handle_character(c)) break;
    at = next;
  }
  return at;
}

// A full stop or dash after a mention is not part of it.
std::size_t without_trailing_punctuation(std::string_view text, std::size_t start, std::size_t end) {
  while (end > start && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  return end;
}

}  // namespace

PressMentions::PressMentions(std::vector<PressContact> contacts) : contacts_(std::move(contacts)) {
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    for (const auto& handle : contacts_[i].handles)
      by_handle_[handle_key(handle.handle)].push_back({i, handle.network});
  }
}

std::string PressMentions::for_network(std::string_view text, std::string_view network) const {
  if (by_handle_.empty()) return std::string(text);
  std::string out;
  std::size_t copied = 0;  // text before this is in `out`
  std::size_t at = 0;
  while (at < text.size()) {
    const auto [c, next] = next_code_point(text, at);
    if (c != kAt) {
      at = next;
      continue;
    }
    const auto before = previous_code_point(text, at);
    std::size_t end = run_end(text, next);
    if ((before && joins_previous(*before)) || end == next) {
      at = end == next ? next : end;  // no mention here, nor inside what follows
      continue;
    }
    // The fediverse's @name@server: the server belongs to the mention.
    if (end < text.size() && text[end] == '@') {
      const auto server_end = without_trailing_punctuation(text, end + 1, run_end(text, end + 1));
      if (server_end > end + 1) end = server_end;
    }
    end = without_trailing_punctuation(text, next, end);
    if (end == next) {
      at = next;
      continue;
    }
    const auto mention = text.substr(at, end - at);
    if (const auto replacement = replacement_for(mention, network)) {
      out.append(text.substr(copied, at - copied));
      out.append(*replacement);
      copied = end;
    }
    at = end;
  }
  out.append(text.substr(copied));
  return out;
}

std::optional<std::string> PressMentions::replacement_for(std::string_view mention, std::string_view network) const {
  const auto found = by_handle_.find(handle_key(mention));
  if (found == by_handle_.end()) return std::nullopt;
  const auto& holders = found->second;
  // Already the handle of someone on this network: right as written.
  if (std::any_of(holders.begin(), holders.end(), [&](const Holder& h) { return h.network == network; })) {
    return std::nullopt;
  }
  // Two people's handles on two networks: no guessing whom the author meant.
  const auto contact = holders.front().contact;
  if (std::any_of(holders.begin(), holders.end(), [&](const Holder& h) { return h.contact != contact; })) {
    return std::nullopt;
  }
  const auto* there = contacts_[contact].handle_on(network);
  return there != nullptr ? there->handle : contacts_[contact].name;
}

}  // namespace kanal::contacts
