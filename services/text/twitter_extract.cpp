#include "text/twitter_text.h"

#include <algorithm>
#include <memory>

#include <unicode/regex.h>

#include "core/error.h"
#include "text/twitter_domain.h"
#include "text/twitter_js_case.h"
#include "text/twitter_patterns.h"
#include "text/unicode_text.h"

namespace kanal::text::twitter {
namespace {

constexpr int kMaxUrlLength = 4096;
constexpr int kMaxTcoSlugLength = 40;
// A pathological text must not stall the composer: each regex search gets a
// bounded amount of work (ICU's unit: about a million steps each).
constexpr int32_t kRegexTimeLimit = 20;

std::unique_ptr<icu::RegexMatcher> matcher(const icu::RegexPattern& pattern, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "regex matcher failed");
  m->setTimeLimit(kRegexTimeLimit, status);
  return m;
}

// Runs `pattern` over `text` like JavaScript's global search: each match
// resumes where the previous one ended. A time-out ends the search.
template <typename OnMatch>
void each_match(const icu::RegexPattern& pattern, const icu::UnicodeString& text, OnMatch on_match) {
  auto m = matcher(pattern, text);
  UErrorCode status = U_ZERO_ERROR;
  while (m->find(status) && U_SUCCESS(status)) on_match(*m);
}

bool is_url_space(UChar c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// each_match for the URL pattern, searched only where a URL can be: no URL
// holds a space, and every URL holds a dot, so each run between spaces
// without a dot is skipped. The regions are transparent (the pattern still
// sees the character before a run), so the matches are those of a search of
// the whole text, found without trying every position of every word.
template <typename OnMatch>
void each_url_match(const icu::RegexPattern& pattern, const icu::UnicodeString& text, OnMatch on_match) {
  auto m = matcher(pattern, text);
  m->useTransparentBounds(true);
  m->useAnchoringBounds(false);
  const int length = text.length();
  int start = 0;
  while (start < length) {
    int end = start;
    bool has_dot = false;
    for (; end < length && !is_url_space(text.charAt(end)); ++end) {
      if (text.charAt(end) == u'.') has_dot = true;
    }
    if (has_dot) {
      UErrorCode status = U_ZERO_ERROR;
      // From the space before the run: it may be the URL's preceding character.
      m->region(start > 0 ? start - 1 : 0, end, status);
      while (U_SUCCESS(status) && m->find(status) && U_SUCCESS(status)) on_match(*m);
    }
    start = end + 1;
  }
}

// Whether `pattern` matches anywhere in `text` (the end-of-entity patterns
// are anchored with ^, so they test its start).
bool found_in(const icu::RegexPattern& pattern, const icu::UnicodeString& text) {
  auto m = matcher(pattern, text);
  UErrorCode status = U_ZERO_ERROR;
  return m->find(status) && U_SUCCESS(status);
}

struct Group {
  int start = -1;
  int end = -1;
  bool matched() const { return start >= 0; }
  int length() const { return matched() ? end - start : 0; }
};

Group group(const icu::RegexMatcher& m, int number) {
  UErrorCode status = U_ZERO_ERROR;
  const int start = m.start(number, status);
  const int end = m.end(number, status);
  if (U_FAILURE(status) || start < 0) return {};
  return {start, end};
}

icu::UnicodeString slice(const icu::UnicodeString& text, int start, int end) {
  return icu::UnicodeString(text, start, end - start);
}

// twitter-text's isValidUrl: a domain that starts with "xn--" must hold an
// ASCII domain, each label must fit as punycode, and the URL with its
// protocol once more (https:// when it has none) must fit 4096 characters.
bool is_valid_extracted_url(int url_length, int protocol_length, const icu::UnicodeString& domain,
                            const icu::UnicodeString& matching_domain) {
  if (domain.startsWith(u"xn--") && !found_in(*patterns().valid_ascii_domain, matching_domain)) return false;
  if (!domain_labels_fit(domain)) return false;
  const int default_protocol_length = 8;  // "https://"
  return (protocol_length > 0 ? protocol_length : default_protocol_length) + url_length <= kMaxUrlLength;
}

// A URL without a protocol right after one of these is not taken.
bool invalid_before_url_without_protocol(const icu::UnicodeString& before) {
  return !before.isEmpty() && icu::UnicodeString(u"-_./").indexOf(before.charAt(before.length() - 1)) >= 0;
}

// Hashtags inside URLs are not hashtags: of entities that overlap, the one
// that starts first stays.
std::vector<Entity> hashtags_outside_urls(std::vector<Entity> tags, const std::vector<Entity>& urls) {
  std::vector<std::pair<const Entity*, bool>> all;  // entity, is a hashtag
  for (const auto& tag : tags) all.emplace_back(&tag, true);
  for (const auto& url : urls) all.emplace_back(&url, false);
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first->start < b.first->start; });
  std::vector<Entity> kept;
  int end = -1;
  for (const auto& [entity, is_hashtag] : all) {
    if (entity->start < end) continue;
    end = entity->end;
    if (is_hashtag) kept.push_back(*entity);
  }
  return kept;
}

}  // namespace

std::vector<Entity> extract_urls(const icu::UnicodeString& text, bool without_protocol) {
  std::vector<Entity> urls;
  if (text.isEmpty() || (without_protocol ? text.indexOf(u'.') < 0 : text.indexOf(u':') < 0)) return urls;
  const Patterns& p = patterns();
  // The patterns match JavaScript's way (twitter_js_case.h); entities are cut
  // from the original.
  const icu::UnicodeString matching = js_matching_text(text, true);
  each_url_match(*p.extract_url, matching, [&](icu::RegexMatcher& m) {
    const Group before = group(m, 2);
    Group url = group(m, 3);
    const Group protocol = group(m, 4);
    const Group domain = group(m, 5);
    const Group path = group(m, 7);
    const icu::UnicodeString domain_text = slice(text, domain.start, domain.end);
    const icu::UnicodeString matching_domain = slice(matching, domain.start, domain.end);
    if (!is_valid_extracted_url(url.length(), protocol.length(), domain_text, matching_domain)) return;

    if (!protocol.matched()) {
      if (!without_protocol || invalid_before_url_without_protocol(slice(text, before.start, before.end))) return;
      // Without a protocol only ASCII domains count; a run of them may hold
      // several, and only the last one takes the path. twitter-text places
      // each by searching the domain for its text after the previous one.
      std::optional<Entity> last;
      int searched_to = 0;
      each_match(*p.valid_ascii_domain, matching_domain, [&](icu::RegexMatcher& ascii) {
        const Group found = group(ascii, 0);
        const icu::UnicodeString found_text = slice(domain_text, found.start, found.end);
        const int at = domain_text.indexOf(found_text, searched_to);
        searched_to = at + found_text.length();
        Entity entity{to_utf8(found_text), {}, domain.start + at, domain.start + searched_to};
        last = entity;
        urls.push_back(entity);
      });
      if (!last) return;
      if (path.matched()) {
        // The last ASCII domain runs on to the end of the path and query; its
        // text is that domain and what follows the whole domain (which
        // twitter-text's parseTweet counts by).
        urls.back() = Entity{last->text + to_utf8(slice(text, domain.end, url.end)), {}, last->start, url.end};
      }
      return;
    }
    const icu::UnicodeString matching_url = slice(matching, url.start, url.end);  // the matcher keeps a reference
    auto tco = matcher(*p.valid_tco_url, matching_url);
    UErrorCode status = U_ZERO_ERROR;
    if (tco->lookingAt(status) && U_SUCCESS(status)) {
      if (tco->end(1, status) - tco->start(1, status) > kMaxTcoSlugLength) return;
      // A t.co link takes no path beyond its slug.
      url.end = url.start + tco->end(status);
    }
    urls.push_back({to_utf8(slice(text, url.start, url.end)), {}, url.start, url.end});
  });
  return urls;
}

std::vector<Entity> extract_mentions_or_lists(const icu::UnicodeString& text) {
  std::vector<Entity> found;
  if (text.indexOf(u'@') < 0 && text.indexOf(u'\uFF20') < 0) return found;
  const Patterns& p = patterns();
  each_match(*p.valid_mention_or_list, text, [&](icu::RegexMatcher& m) {
    const Group all = group(m, 0);
    if (found_in(*p.end_mention, slice(text, all.end, text.length()))) return;
    const Group at = group(m, 2);
    const Group name = group(m, 3);
    const Group list = group(m, 4);
    found.push_back({to_utf8(slice(text, name.start, name.end)),
                     list.matched() ? to_utf8(slice(text, list.start, list.end)) : std::string(), at.start,
                     list.matched() ? list.end : name.end});
  });
  return found;
}

std::vector<Entity> extract_mentions(const icu::UnicodeString& text) {
  std::vector<Entity> mentions = extract_mentions_or_lists(text);
  std::erase_if(mentions, [](const Entity& e) { return !e.list_slug.empty(); });
  return mentions;
}

std::optional<std::string> extract_reply_screen_name(const icu::UnicodeString& text) {
  const Patterns& p = patterns();
  auto m = matcher(*p.valid_reply, text);
  UErrorCode status = U_ZERO_ERROR;
  if (!m->lookingAt(status) || U_FAILURE(status)) return std::nullopt;
  const Group all = group(*m, 0);
  if (found_in(*p.end_mention, slice(text, all.end, text.length()))) return std::nullopt;
  const Group name = group(*m, 1);
  return to_utf8(slice(text, name.start, name.end));
}

std::vector<Entity> extract_hashtags(const icu::UnicodeString& text, bool check_url_overlap) {
  std::vector<Entity> tags;
  if (text.indexOf(u'#') < 0 && text.indexOf(u'\uFF03') < 0) return tags;
  const Patterns& p = patterns();
  const icu::UnicodeString matching = js_matching_text(text, false);
  each_match(*p.valid_hashtag, matching, [&](icu::RegexMatcher& m) {
    const Group all = group(m, 0);
    if (found_in(*p.end_hashtag, slice(text, all.end, text.length()))) return;
    const Group hash = group(m, 2);
    const Group tag = group(m, 3);
    tags.push_back({to_utf8(slice(text, tag.start, tag.end)), {}, hash.start, tag.end});
  });
  if (check_url_overlap && !tags.empty()) {
    const std::vector<Entity> urls = extract_urls(text);
    if (!urls.empty()) return hashtags_outside_urls(std::move(tags), urls);
  }
  return tags;
}

std::vector<Entity> extract_cashtags(const icu::UnicodeString& text) {
  std::vector<Entity> tags;
  if (text.indexOf(u'$') < 0) return tags;
  const icu::UnicodeString matching = js_matching_text(text, false);
  each_match(*patterns().valid_cashtag, matching, [&](icu::RegexMatcher& m) {
    const Group dollar = group(m, 2);
    const Group tag = group(m, 3);
    tags.push_back({to_utf8(slice(text, tag.start, tag.end)), {}, dollar.start, tag.end});
  });
  return tags;
}

}  // namespace kanal::text::twitter
