#include "text/network_count.h"

#include <algorithm>
#include <memory>

#include <unicode/regex.h>

#include "core/error.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

namespace kanal::text {
namespace {

// One counted piece of the text: a grapheme, or an entity counted whole.
struct Unit {
  int start = 0;  // UTF-16
  int end = 0;
  std::size_t weight = 1;
};

TextEntity entity_at(EntityKind kind, int start, int end, std::string value, const OffsetMap& offsets) {
  return {kind,
          {offsets.code_point(start), offsets.code_point(end)},
          offsets.utf8_byte(start),
          offsets.utf8_byte(end),
          std::move(value)};
}

// A mention in the fediverse's style: @user or @user@server, not preceded by
// a word character or a slash.
const icu::RegexPattern& at_name_host_mention() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(u"(?<=^|[^/\\p{L}\\p{N}_])@([a-z0-9_]+)(?:@[\\p{L}\\p{N}_.\\-]+[\\p{L}\\p{N}_]+)?",
                                   UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "the @user@server mention pattern does not compile");
    return p;
  }();
  return *pattern;
}

// A mention of a handle that is a domain name (@name.example.org).
const icu::RegexPattern& at_domain_mention() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(
        u"(?<=^|\\s|\\()@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?)\\b",
        UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "the @domain mention pattern does not compile");
    return p;
  }();
  return *pattern;
}

void add_regex_mentions(const icu::RegexPattern& pattern, const icu::UnicodeString& text, const OffsetMap& offsets,
                        std::vector<TextEntity>& out, std::vector<std::pair<int, int>>* utf16_spans = nullptr) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
  m->setTimeLimit(20, status);
  while (m->find(status) && U_SUCCESS(status)) {
    const int start = m->start(status);
    const int end = m->end(status);
    out.push_back(entity_at(EntityKind::mention, start, end, to_utf8(m->group(status)).substr(1), offsets));
    if (utf16_spans != nullptr) utf16_spans->emplace_back(start, end);
  }
}

std::vector<TextEntity> entities_of(const icu::UnicodeString& text, const OffsetMap& offsets, const CountRules& rules) {
  std::vector<TextEntity> out;
  for (const auto& url : twitter::extract_urls(text, rules.links_without_scheme)) {
    out.push_back(entity_at(EntityKind::url, url.start, url.end, url.text, offsets));
  }
  if (rules.mentions == MentionStyle::at_name_host) {
    add_regex_mentions(at_name_host_mention(), text, offsets, out);
  } else if (rules.mentions == MentionStyle::at_domain) {
    add_regex_mentions(at_domain_mention(), text, offsets, out);
  } else {
    for (const auto& mention : twitter::extract_mentions(text)) {
      out.push_back(entity_at(EntityKind::mention, mention.start, mention.end, mention.text, offsets));
    }
  }
  for (const auto& tag : twitter::extract_hashtags(text)) {
    out.push_back(entity_at(EntityKind::hashtag, tag.start, tag.end, tag.text, offsets));
  }
  std::sort(out.begin(), out.end(),
            [](const TextEntity& a, const TextEntity& b) { return a.span.start < b.span.start; });
  // Of entities that overlap, the first stays (a mention inside a URL is part of the URL).
  std::vector<TextEntity> kept;
  for (auto& e : out) {
    if (!kept.empty() && e.span.start < kept.back().span.end) continue;
    kept.push_back(std::move(e));
  }
  return kept;
}

// A link at a fixed cost, or a mention counted by its local part.
bool special_cost(const TextEntity& e, const CountRules& rules) {
  return (e.kind == EntityKind::url && rules.characters_per_url > 0) ||
         (e.kind == EntityKind::mention && rules.mention_counts_local_part_only);
}

// Graphemes (or code points), with links at a fixed cost where the rules
// say so and mentions counting only "@user" where they say so.
std::vector<Unit> units_of(const icu::UnicodeString& text, const OffsetMap& offsets, const CountRules& rules,
                           const std::vector<TextEntity>& entities) {
  std::vector<Unit> units;
  const bool by_grapheme = rules.counting == Counting::graphemes;
  std::vector<int> bounds;
  if (by_grapheme) {
    bounds = grapheme_boundaries(text);
  } else {
    for (int i = 0; i < text.length(); i = text.moveIndex32(i, 1)) bounds.push_back(i);
    bounds.push_back(text.length());
  }
  std::size_t next_entity = 0;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    const int start = bounds[i];
    while (next_entity < entities.size() && offsets.utf16_from_code_point(entities[next_entity].span.end) <= start) {
      ++next_entity;
    }
    if (next_entity < entities.size() && offsets.utf16_from_code_point(entities[next_entity].span.start) == start &&
        special_cost(entities[next_entity], rules)) {
      const TextEntity& e = entities[next_entity];
      const int end = offsets.utf16_from_code_point(e.span.end);
      if (e.kind == EntityKind::url) {
        units.push_back({start, end, rules.characters_per_url});
      } else if (e.kind == EntityKind::mention) {
        const std::size_t local = e.value.find('@');
        units.push_back({start, end, 1 + (local == std::string::npos ? e.value.size() : local)});
      } else {
        units.push_back({start, end, static_cast<std::size_t>(end - start)});
      }
      while (i + 1 < bounds.size() && bounds[i + 1] < end) ++i;
      continue;
    }
    units.push_back({start, bounds[i + 1], 1});
  }
  return units;
}

Count count_by_units(const icu::UnicodeString& text, const OffsetMap& offsets, const CountRules& rules,
                     std::vector<TextEntity> entities) {
  Count result;
  result.counting = rules.counting;
  result.limit = rules.limit;
  result.unit = counting_unit(rules.counting);
  std::size_t total = 0;
  std::optional<int> overflow_start;
  for (const Unit& unit : units_of(text, offsets, rules, entities)) {
    total += unit.weight;
    if (total > rules.limit && !overflow_start) overflow_start = unit.start;
  }
  result.count = total;
  result.valid = total <= rules.limit;
  if (overflow_start)
    result.overflow.push_back({offsets.code_point(*overflow_start), offsets.code_point(text.length())});
  result.entities = std::move(entities);
  return result;
}

Count count_weighted(const icu::UnicodeString& text, const OffsetMap& offsets, const CountRules& rules,
                     std::vector<TextEntity> entities) {
  twitter::Config config = twitter::Config::v3();
  config.max_weighted_length = static_cast<int>(rules.limit);
  const twitter::ParseResult parsed = twitter::parse_tweet(text, config);
  Count result;
  result.counting = Counting::weighted;
  result.limit = rules.limit;
  result.unit = counting_unit(Counting::weighted);
  result.count = static_cast<std::size_t>(parsed.weighted_length);
  result.valid = parsed.valid || text.isEmpty();
  if (parsed.weighted_length > static_cast<int>(rules.limit)) {
    const std::size_t start = offsets.code_point(parsed.valid_range_end + 1);
    result.overflow.push_back({start, offsets.code_point(text.length())});
  }
  result.entities = std::move(entities);
  return result;
}

}  // namespace

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::url: return "url";
    case EntityKind::mention: return "mention";
    case EntityKind::hashtag: return "hashtag";
  }
  return "unknown";
}

CountRules count_rules(const TextRules& network) {
  CountRules rules;
  rules.counting = network.counting;
  rules.limit = network.max_characters;
  rules.characters_per_url = network.characters_per_url;
  rules.mention_counts_local_part_only = network.mention_counts_local_part_only;
  rules.mentions = network.mentions;
  rules.links_without_scheme = network.links_without_scheme;
  return rules;
}

CountRules rules_for_account(const Account& account, const NetworkDescriptor* network) {
  CountRules rules = count_rules(network != nullptr ? network->text : TextRules{});
  if (account.max_characters > 0) rules.limit = static_cast<std::size_t>(account.max_characters);
  if (account.characters_per_url > 0) rules.characters_per_url = static_cast<std::size_t>(account.characters_per_url);
  return rules;
}

std::vector<TextEntity> find_entities(std::string_view text, const CountRules& rules) {
  const icu::UnicodeString unicode = to_unicode(text);
  return entities_of(unicode, OffsetMap(unicode), rules);
}

Count count_text(std::string_view text, const CountRules& rules) {
  const icu::UnicodeString unicode = to_unicode(text);
  const OffsetMap offsets(unicode);
  std::vector<TextEntity> entities = entities_of(unicode, offsets, rules);
  if (rules.counting == Counting::weighted) return count_weighted(unicode, offsets, rules, std::move(entities));
  return count_by_units(unicode, offsets, rules, std::move(entities));
}

}  // namespace kanal::text
