#include "text/thread_split.h"

#include <algorithm>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include "core/error.h"
#include "text/unicode_text.h"

namespace kanal::text {
namespace {

bool is_space(const icu::UnicodeString& text, int at) { return u_isUWhiteSpace(text.char32At(at)); }

class Splitter {
 public:
  Splitter(std::string_view utf8, const CountRules& rules) : text_(to_unicode(utf8)), rules_(rules) {
    const OffsetMap offsets(text_);
    for (const auto& e : find_entities(utf8, rules)) {
      entities_.emplace_back(offsets.utf16_from_code_point(e.span.start), offsets.utf16_from_code_point(e.span.end));
    }
    levels_.push_back(allowed(boundaries(BreakKind::sentence, text_)));
    levels_.push_back(allowed(boundaries(BreakKind::word, text_)));
    levels_.push_back(allowed(grapheme_boundaries(text_)));
  }

  std::vector<std::string> split(std::size_t reserved_for_suffix) const {
    std::vector<std::string> parts;
    int start = skip_spaces(0);
    while (start < text_.length()) {
      const int end = cut_after(start, reserved_for_suffix);
      parts.push_back(trimmed(start, end));
      start = skip_spaces(end);
    }
    if (parts.empty()) parts.emplace_back();
    return parts;
  }

 private:
  // Boundaries that fall strictly inside no entity.
  std::vector<int> allowed(std::vector<int> bounds) const {
    std::erase_if(bounds, [&](int at) {
      return std::any_of(entities_.begin(), entities_.end(),
                         [at](const auto& e) { return at > e.first && at < e.second; });
    });
    return bounds;
  }

  int skip_spaces(int at) const {
    while (at < text_.length() && is_space(text_, at)) at = text_.moveIndex32(at, 1);
    return at;
  }

  std::string trimmed(int start, int end) const {
    while (end > start && is_space(text_, text_.moveIndex32(end, -1))) end = text_.moveIndex32(end, -1);
    return to_utf8(icu::UnicodeString(text_, start, end - start));
  }

  bool fits(int start, int end, std::size_t reserved) const {
    const std::string piece = trimmed(start, end);
    if (piece.empty()) return false;
    CountRules rules = rules_;
    rules.limit = rules_.limit > reserved ? rules_.limit - reserved : 0;
    return count_text(piece, rules).valid;
  }

  // The end of the part that starts at `start`: the furthest boundary that
  // fits, preferring sentence ends, then word ends, then graphemes.
  int cut_after(int start, std::size_t reserved) const {
    if (fits(start, text_.length(), reserved)) return text_.length();
    for (const auto& level : levels_) {
      auto first = std::upper_bound(level.begin(), level.end(), start);
      // Fitting grows with the end, so the last fitting boundary is found by halving.
      auto lo = first;
      auto hi = level.end();
      while (lo < hi) {
        const auto mid = lo + (hi - lo) / 2;
        if (fits(start, *mid, reserved)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo != first) return *(lo - 1);
    }
    // Nothing fits: an entity longer than the limit stands alone.
    const auto& graphemes = levels_.back();
    const auto next = std::upper_bound(graphemes.begin(), graphemes.end(), start);
    return next == graphemes.end() ? text_.length() : *next;
  }

  icu::UnicodeString text_;
  CountRules rules_;
  std::vector<std::pair<int, int>> entities_;  // UTF-16 [start, end)
  std::vector<std::vector<int>> levels_;
};

std::size_t digits(std::size_t n) { return std::to_string(n).size(); }

}  // namespace

std::vector<std::string> split_thread(std::string_view text, const CountRules& rules, ThreadOptions options) {
  const Splitter splitter(text, rules);
  std::vector<std::string> parts = splitter.split(0);
  if (!options.numbering || parts.size() < 2) return parts;
  // " k/n" takes room from every part; as n grows, so may the room needed.
  std::size_t assumed = parts.size();
  for (int attempt = 0; attempt < 4; ++attempt) {
    parts = splitter.split(2 + 2 * digits(assumed));
    if (digits(parts.size()) <= digits(assumed)) break;
    assumed = parts.size();
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parts[i] += " " + std::to_string(i + 1) + "/" + std::to_string(parts.size());
  }
  return parts;
}

}  // namespace kanal::text
