#include "contacts/contact_search.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <tuple>

#include "core/utf8.h"

namespace kanal::contacts {
namespace {

// Latin letters that are no base letter with an accent, as plain ones (the
// others lose their accents by decomposing).
std::u16string_view plain_letter(char16_t c) {
  switch (c) {
    case u'ø': return u"o";
    case u'æ': return u"ae";
    case u'œ': return u"oe";
    case u'ß': return u"ss";
    case u'đ': return u"d";
    case u'ð': return u"d";
    case u'þ': return u"th";
    case u'ł': return u"l";
    case u'ı': return u"i";
    default: return {};
  }
}

// Words split at anything that is not a letter or digit of the search form.
std::vector<std::string> words_of(const std::string& form) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : form + " ") {
    const bool separator = c == ' ' || c == '-' || c == '\t' || c == '\n' || c == ',' || c == '.' || c == '(' ||
                           c == ')' || c == '/' || c == '&' || c == '\'' || c == '"';
    if (!separator) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

struct Searchable {
  std::vector<std::string> words;    // of the name and organisation
  std::vector<std::string> handles;  // search forms without the first @
};

Searchable searchable(const PressContact& contact) {
  Searchable s;
  s.words = words_of(search_form(contact.name));
  for (auto& word : words_of(search_form(contact.organisation))) s.words.push_back(std::move(word));
  for (const auto& handle : contact.handles) {
    auto form = search_form(handle.handle);
    s.handles.push_back(form.empty() || form.front() != '@' ? form : form.substr(1));
  }
  return s;
}

bool finds(const Searchable& contact, const std::vector<std::string>& query_words) {
  return std::all_of(query_words.begin(), query_words.end(), [&](const std::string& asked) {
    const std::string_view word = !asked.empty() && asked.front() == '@' ? std::string_view(asked).substr(1) : asked;
    if (word.empty()) return true;
    const auto begins = [&](const std::string& text) { return starts_with(text, word); };
    return std::any_of(contact.handles.begin(), contact.handles.end(), begins) ||
           (asked.front() != '@' && std::any_of(contact.words.begin(), contact.words.end(), begins));
  });
}

std::vector<std::string> query_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : search_form(text) + " ") {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

}  // namespace

std::string search_form(std::string_view text) {
  // Most handles and many names are ASCII: no need for ICU.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(text);
    for (auto& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  const auto valid = utf8::is_valid(text) ? std::string(text) : utf8::repaired(text);
  // Case folded, then decomposed so accents are marks of their own to drop.
  auto folded = icu::UnicodeString::fromUTF8(icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())));
  folded.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfd = icu::Normalizer2::getNFDInstance(status);
  const auto decomposed = U_SUCCESS(status) ? nfd->normalize(folded, status) : folded;
  icu::UnicodeString plain;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed.charAt(i);
    if (u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK) continue;
    const auto replacement = plain_letter(c);
    if (replacement.empty()) {
      plain.append(c);
    } else {
      plain.append(replacement.data(), static_cast<int32_t>(replacement.size()));
    }
  }
  std::string out;
  plain.toUTF8String(out);
  return out;
}

std::vector<PressContact> find_contacts(const std::vector<PressContact>& contacts, const ContactQuery& query) {
  const auto words = query_words(query.text);
  struct Found {
    std::string name_form, organisation_form;
    const PressContact* contact;
  };
  std::vector<Found> found;
  for (const auto& contact : contacts) {
    if (!query.network.empty() && contact.handle_on(query.network) == nullptr) continue;
    if (!words.empty() && !finds(searchable(contact), words)) continue;
    found.push_back({search_form(contact.name), search_form(contact.organisation), &contact});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.name_form, a.contact->name, a.organisation_form, a.contact->id.value) <
           std::tie(b.name_form, b.contact->name, b.organisation_form, b.contact->id.value);
  });
  std::vector<PressContact> out;
  for (std::size_t i = 0; i < found.size() && i < query.limit; ++i) out.push_back(*found[i].contact);
  return out;
}

}  // namespace kanal::contacts
