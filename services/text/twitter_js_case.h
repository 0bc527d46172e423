#pragma once
// twitter-text's expressions are JavaScript ones with the i flag and no u
// flag. Such an expression compares UTF-16 code units, each by its
// "canonical" form (its upper case when that is one unit and does not turn a
// non-ASCII character into an ASCII one), so that K (Kelvin) is not k and ſ
// is not s. ICU folds case by full Unicode rules instead; to match as
// JavaScript does, Kanal matches text mapped to one representative per
// canonical class (js_matching_text) against character classes closed under
// the same mapping (js_class), with no case-insensitive flag.

#include <string>

#include <unicode/uniset.h>
#include <unicode/unistr.h>

namespace kanal::text::twitter {

// `text` with each BMP character replaced by the representative of its
// canonical class; the same length, so offsets into it are offsets into
// `text`. With `split_surrogates`, each surrogate becomes U+FFFD, a character
// no class names, so that the pattern sees the halves of a pair as two
// characters, as a JavaScript expression without the u flag does.
icu::UnicodeString js_matching_text(const icu::UnicodeString& text, bool split_surrogates);

// The representative of `c`'s canonical class (c itself outside the BMP).
UChar32 js_representative(UChar32 c);

// `set` as an ICU regex character class that matches a representative when
// JavaScript's case-insensitive class would match the character it stands for.
std::string js_class(const icu::UnicodeSet& set);
// The same for a negated class [^set].
std::string js_negated_class(const icu::UnicodeSet& set);
// `set` as it is, for expressions JavaScript matches case-sensitively.
std::string exact_class(const icu::UnicodeSet& set);

// `literal` with each character replaced by its representative, as a regex
// literal (a string JavaScript would match case-insensitively).
std::string js_literal(const icu::UnicodeString& literal);

}  // namespace kanal::text::twitter
