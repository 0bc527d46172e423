#pragma once
// The check twitter-text makes of a URL's domain before it takes the URL:
// each label, punycode-encoded as JavaScript's punycode.toASCII encodes it
// (no mapping, no validation), must be 1 to 63 characters long.

#include <unicode/unistr.h>

namespace kanal::text::twitter {

bool domain_labels_fit(const icu::UnicodeString& domain);

}  // namespace kanal::text::twitter
