#include "engagement/lookalike_links.h"

#include <algorithm>

#include "engagement/visual_form.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

namespace kanal::engagement {
namespace {

constexpr std::size_t kLongName = 8;  // from this length a name may be imitated inside a longer word

// The host of a URL as twitter-text extracts it ("https://a.b/c" → "a.b").
std::string host_of(std::string url) {
  if (const auto scheme = url.find("://"); scheme != std::string::npos) url = url.substr(scheme + 3);
  url = url.substr(0, url.find_first_of("/:?#"));
  if (const auto at = url.rfind('@'); at != std::string::npos) url = url.substr(at + 1);
  return url;
}

std::vector<std::string> split(const std::string& text, std::string_view separators) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text + std::string(1, separators.front())) {
    if (separators.find(c) != std::string_view::npos) {
      if (!part.empty()) parts.push_back(std::move(part));
      part.clear();
    } else {
      part += c;
    }
  }
  return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const auto above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool is_own(const std::string& host, const std::string& own) {
  return host == own || (host.size() > own.size() && host.ends_with("." + own));
}

// Whether `host` (not one of ours) imitates `own`.
bool imitates(const std::string& host, const std::string& own) {
  const auto seen = visual_form(host);
  const auto ours = visual_form(own);
  if (seen == ours || seen.ends_with("." + ours)) return true;  // the same to the eye
  const auto name = split(ours, ".").front();                   // "forsakringskassan"
  for (const auto& word : split(seen, ".-_")) {
    if (word == name) return true;                                                      // kela.fi.login.info
    if (name.size() >= kLongName && word.find(name) != std::string::npos) return true;  // myforsakringskassan
    if (name.size() >= kLongName && edit_distance(word, name) <= 2) return true;        // forsakringskasan
  }
  return false;
}

// A link's host has a dot followed by a letter (its top-level domain, maybe
// internationalised): without one there is nothing for the extractor to
// find, and most comments are spared its regular expressions.
bool might_hold_a_link(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '.') continue;
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next >= 0x80) return true;
  }
  return false;
}

}  // namespace

std::vector<LookalikeLink> find_lookalike_links(std::string_view text, const std::vector<std::string>& own_domains) {
  std::vector<LookalikeLink> found;
  if (own_domains.empty() || !might_hold_a_link(text)) return found;
  for (const auto& url : text::twitter::extract_urls(text::to_unicode(text, "text"))) {
    const auto raw = text::to_utf8(text::to_unicode(host_of(url.text), "url").toLower());
    const bool ours =
        std::any_of(own_domains.begin(), own_domains.end(), [&](const std::string& own) { return is_own(raw, own); });
    if (ours) continue;
    for (const auto& own : own_domains) {
      if (imitates(raw, own)) {
        found.push_back(LookalikeLink{url.text, raw, own});
        break;
      }
    }
  }
  return found;
}

}  // namespace kanal::engagement
