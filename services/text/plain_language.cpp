#include "text/plain_language.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include <unicode/brkiter.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>

#include "core/error.h"
#include "core/utf8.h"
#include "text/spelling.h"
#include "text/unicode_text.h"
#include "text/word_lists.h"

namespace kanal::text {
namespace {

constexpr std::size_t kMaxSpellingSuggestions = 5;  // suggesting is slow: only the first few words

struct Word {
  int start = 0;  // UTF-16
  int end = 0;
  icu::UnicodeString text;
};

std::vector<Word> letter_words(const icu::UnicodeString& text, std::string_view language) {
  icu::BreakIterator* words = &break_iterator(BreakKind::word, language, text);
  std::vector<Word> out;
  for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    if (words->getRuleStatus() >= UBRK_WORD_LETTER)
      out.push_back({start, end, icu::UnicodeString(text, start, end - start)});
  }
  return out;
}

std::size_t letter_count(const icu::UnicodeString& word) {
  std::size_t n = 0;
  for (int i = 0; i < word.length(); i = word.moveIndex32(i, 1)) n += u_isalpha(word.char32At(i)) ? 1 : 0;
  return n;
}

bool all_upper(const icu::UnicodeString& word) {
  bool any_letter = false;
  for (int i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    const UChar32 c = word.char32At(i);
    if (u_islower(c)) return false;
    any_letter = any_letter || u_isupper(c);
  }
  return any_letter;
}

std::string quoted(const icu::UnicodeString& s) { return "\u201C" + to_utf8(s) + "\u201D"; }

template <typename OnMatch>
void each_list_match(const icu::RegexPattern* pattern, const icu::UnicodeString& text, OnMatch on_match) {
  if (pattern == nullptr) return;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(text, status));
  m->setTimeLimit(20, status);
  while (m->find(status) && U_SUCCESS(status)) {
    on_match(m->start(status), m->end(status), m->group(status));
  }
}

// Links (with or without a scheme), @name mentions and hashtags: what
// prose checks leave out, whichever network the text goes to.
CountRules prose_entities() {
  CountRules rules;
  rules.links_without_scheme = true;
  return rules;
}

class Checker {
 public:
  Checker(std::string_view text, const CheckOptions& options)
      : text_(to_unicode(text)),
        offsets_(text_),
        options_(options),
        lists_(options.lists ? options.lists : WordLists::defaults()),
        entities_(find_entities(text, prose_entities())) {
    // Words and sentences are read with links, mentions and hashtags blanked
    // (same length, so offsets stay true).
    prose_ = text_;
    for (const auto& e : entities_) {
      const int start = offsets_.utf16_from_code_point(e.span.start);
      const int end = offsets_.utf16_from_code_point(e.span.end);
      for (int i = start; i < end; ++i) prose_.setCharAt(i, u' ');
    }
  }

  CheckResult run() {
    check_images();
    check_links_hashtags_emoji();
    check_caps();
    check_hashtag_case();
    if (!options_.language.empty()) {
      check_readability();
      check_sentences();
      check_long_words();
      check_jargon();
      check_rights();
      if (options_.spelling) check_spelling();
    }
    std::stable_sort(result_.hints.begin(), result_.hints.end(), [](const Hint& a, const Hint& b) {
      const std::size_t a_at = a.span ? a.span->start + 1 : 0;
      const std::size_t b_at = b.span ? b.span->start + 1 : 0;
      return a_at < b_at;
    });
    return std::move(result_);
  }

 private:
  Span span(int start, int end) const { return {offsets_.code_point(start), offsets_.code_point(end)}; }

  void add(std::string kind, Severity severity, std::optional<Span> at, std::string message, std::string suggestion) {
    result_.hints.push_back({std::move(kind), severity, at, std::move(message), std::move(suggestion)});
  }

  void check_images() {
    if (options_.images_without_alt == 0) return;
    add("alt_text", Severity::blocking, std::nullopt,
        std::to_string(options_.images_without_alt) +
            (options_.images_without_alt == 1 ? " image has" : " images have") +
            " no alt text: people using screen readers cannot see it",
        "Describe each image in a sentence or two");
  }

  void check_links_hashtags_emoji() {
    std::size_t links = 0;
    std::size_t hashtags = 0;
    for (const auto& e : entities_) {
      if (e.kind == EntityKind::url && ++links == options_.max_links + 1) {
        add("too_many_links", Severity::warning, e.span,
            "More than " + std::to_string(options_.max_links) + " links: readers follow one",
            "Keep the one link that matters most");
      }
      if (e.kind == EntityKind::hashtag && ++hashtags == options_.max_hashtags + 1) {
        add("too_many_hashtags", Severity::warning, e.span,
            "More than " + std::to_string(options_.max_hashtags) + " hashtags make a post hard to read and to hear",
            "Keep " + std::to_string(options_.max_hashtags) + " or fewer");
      }
    }
    const std::vector<int> bounds = grapheme_boundaries(text_);
    std::size_t emoji = 0;
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
      if (is_emoji_cluster(text_, bounds[i], bounds[i + 1]) && ++emoji == options_.max_emoji + 1) {
        add("too_many_emoji", Severity::info, span(bounds[i], bounds[i + 1]),
            "More than " + std::to_string(options_.max_emoji) + " emoji: a screen reader reads each one aloud",
            "Keep " + std::to_string(options_.max_emoji) + " or fewer");
      }
    }
  }

  void check_caps() {
    const std::vector<Word> words = letter_words(prose_, options_.language);
    std::size_t i = 0;
    while (i < words.size()) {
      std::size_t j = i;
      while (j < words.size() && letter_count(words[j].text) >= 3 && all_upper(words[j].text)) ++j;
      const std::size_t run = j - i;
      // One short upper-case word is an acronym (NAV, CSN); a run of them, or a long one, is shouting.
      if (run >= 2 || (run == 1 && letter_count(words[i].text) >= 6)) {
        icu::UnicodeString sentence_case(text_, words[i].start, words[j - 1].end - words[i].start);
        sentence_case.toLower();
        sentence_case.replace(0, 1, icu::UnicodeString(text_.char32At(words[i].start)));
        add("all_caps", Severity::warning, span(words[i].start, words[j - 1].end),
            "ALL CAPS is harder to read and reads as shouting", "Write " + quoted(sentence_case));
      }
      i = run == 0 ? i + 1 : j;
    }
  }

  void check_hashtag_case() {
    const auto checker = options_.language.empty() ? nullptr : SpellChecker::for_language(options_.language);
    for (const auto& e : entities_) {
      if (e.kind != EntityKind::hashtag) continue;
      const icu::UnicodeString tag = icu::UnicodeString::fromUTF8(e.value);
      if (letter_count(tag) < 12) continue;
      bool inner_capital = false;
      for (int i = tag.moveIndex32(0, 1); i < tag.length(); i = tag.moveIndex32(i, 1)) {
        inner_capital = inner_capital || u_isupper(tag.char32At(i));
      }
      // CamelCase already, or one real word.
      if (inner_capital || lists_->in_dictionary(tag) || (checker && checker->correct(tag))) continue;
      add("hashtag_case", Severity::warning, e.span, "Screen readers cannot tell the words of #" + e.value + " apart",
          "Start each word with a capital letter (CamelCase), as in #PaymentDayReminder");
    }
  }

  void check_readability() {
    const Readability r = readability(prose_, options_.language);
    result_.readability = r;
    if (r.statistics.words < 5 || meets(r, options_.target)) return;
    add("readability", Severity::warning, std::nullopt,
        score_text(r) + ": the target is " + target_text(r, options_.target),
        "Use shorter sentences and shorter, everyday words");
  }

  void check_sentences() {
    icu::BreakIterator* sentences = &break_iterator(BreakKind::sentence, options_.language, prose_);
    for (int32_t start = sentences->first(), end = sentences->next(); end != icu::BreakIterator::DONE;
         start = end, end = sentences->next()) {
      const auto words = letter_words(icu::UnicodeString(prose_, start, end - start), options_.language);
      if (words.size() > options_.max_sentence_words) {
        add("long_sentence", Severity::warning, span(start, end),
            "A sentence of " + std::to_string(words.size()) + " words: plain language keeps to about 15–20",
            "Split it into two or three sentences");
      }
    }
  }

  void check_long_words() {
    const std::size_t limit = options_.language == "en" ? 15 : options_.language == "fi" ? 25 : 20;
    for (const auto& word : letter_words(prose_, options_.language)) {
      if (letter_count(word.text) > limit) {
        add("long_word", Severity::info, span(word.start, word.end),
            "A long word (" + std::to_string(letter_count(word.text)) + " letters) slows readers down",
            "Say it in two or three shorter words, if you can");
      }
    }
  }

  void check_jargon() {
    const auto& jargon = lists_->jargon(options_.language);
    each_list_match(lists_->jargon_pattern(options_.language), prose_,
                    [&](int start, int end, const icu::UnicodeString& found) {
                      icu::UnicodeString folded = found;
                      folded.foldCase();
                      for (const auto& entry : jargon) {
                        icu::UnicodeString term = icu::UnicodeString::fromUTF8(entry.term);
                        if (term.foldCase() != folded) continue;
                        add("jargon", Severity::warning, span(start, end), quoted(found) + " is agency language",
                            "Try " + quoted(icu::UnicodeString::fromUTF8(entry.plain)));
                        break;
                      }
                    });
  }

  void check_rights() {
    each_list_match(lists_->rights_pattern(options_.language), prose_,
                    [&](int start, int end, const icu::UnicodeString& found) {
                      result_.needs_expert_check = true;
                      result_.rights_terms.push_back(to_utf8(found));
                      add("rights", Severity::warning, span(start, end),
                          "A statement about rights or entitlements (" + quoted(found) + ")",
                          "A subject expert checks it before it is published");
                    });
  }

  void check_spelling() {
    const auto checker = SpellChecker::for_language(options_.language);
    if (!checker) {
      add("spelling", Severity::info, std::nullopt,
          "Spelling is not checked: no dictionary for \u201C" + options_.language + "\u201D is installed",
          "Ask IT to install the hunspell dictionary for this language");
      return;
    }
    result_.spelling_checked = true;
    std::size_t suggested = 0;
    for (const auto& word : letter_words(prose_, options_.language)) {
      if (letter_count(word.text) < 2 || all_upper(word.text) || lists_->in_dictionary(word.text) ||
          checker->correct(word.text)) {
        continue;
      }
      std::string suggestion = "Check the spelling, or add the word to the workspace dictionary";
      if (suggested++ < kMaxSpellingSuggestions) {
        const auto options = checker->suggestions(word.text);
        if (!options.empty()) {
          suggestion = "Did you mean";
          for (std::size_t i = 0; i < options.size(); ++i) suggestion += (i == 0 ? " " : ", ") + options[i];
          suggestion += "?";
        }
      }
      add("spelling", Severity::info, span(word.start, word.end), quoted(word.text) + " is not in the dictionary",
          std::move(suggestion));
    }
  }

  icu::UnicodeString text_;
  icu::UnicodeString prose_;
  OffsetMap offsets_;
  const CheckOptions& options_;
  std::shared_ptr<const WordLists> lists_;
  std::vector<TextEntity> entities_;
  CheckResult result_;
};

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::blocking: return "blocking";
  }
  return "info";
}

bool states_rights(std::string_view text, std::string_view language, const WordLists& lists) {
  const icu::UnicodeString unicode = to_unicode(utf8::repaired(text));
  static const char* const kKnown[] = {"sv", "da", "nb", "fi", "de", "en"};
  std::vector<std::string> languages;
  if (language.empty()) {
    languages.assign(std::begin(kKnown), std::end(kKnown));
  } else {
    languages.emplace_back(language);
  }
  bool found = false;
  for (const auto& code : languages) {
    each_list_match(lists.rights_pattern(code), unicode, [&](int, int, const icu::UnicodeString&) { found = true; });
    if (found) return true;
  }
  return false;
}

CheckResult check_plain_language(std::string_view text, const CheckOptions& options) {
  return Checker(text, options).run();
}

}  // namespace kanal::text
