#include "contacts/contact_rules.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "contacts/handle_syntax.h"
#include "core/utf8.h"

namespace kanal::contacts {
namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

void check_text(const std::string& text, const char* field, std::size_t longest, std::vector<ContactFault>& faults) {
  const auto length = utf8::code_points(text);
  if (!length) {
    faults.push_back({field, std::string(field) + ": not valid UTF-8 (save the file as UTF-8)"});
  } else if (*length > longest) {
    faults.push_back({field, std::string(field) + ": longer than " + std::to_string(longest) + " characters"});
  }
}

// NFC, case folded, runs of white space as one space.
std::string folded(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  auto unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const auto* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) unicode = nfc->normalize(unicode.foldCase(), status);
  std::string utf8;
  unicode.toUTF8String(utf8);
  std::string out;
  for (const char c : trimmed(utf8)) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && !out.empty() && out.back() == ' ') continue;
    out += space ? ' ' : c;
  }
  return out;
}

// "Anna Svensson (DN), contact 4"; a contact not stored yet has no number.
std::string described(const PressContact& contact) {
  return contact.name + (contact.organisation.empty() ? "" : " (" + contact.organisation + ")") +
         (contact.id.valid() ? ", contact " + std::to_string(contact.id.value) : "");
}

}  // namespace

std::vector<ContactFault> prepare_contact(PressContact& contact, const NetworkStyles& networks) {
  std::vector<ContactFault> faults;
  contact.name = trimmed(contact.name);
  contact.organisation = trimmed(contact.organisation);
  contact.notes = trimmed(contact.notes);
  if (contact.name.empty()) faults.push_back({"name", "a contact needs a name"});
  check_text(contact.name, "name", kLongestName, faults);
  check_text(contact.organisation, "organisation", kLongestOrganisation, faults);
  check_text(contact.notes, "notes", kLongestNotes, faults);

  std::vector<NetworkHandle> kept;
  for (const auto& written : contact.handles) {
    if (trimmed(written.handle).empty()) continue;  // no handle on that network
    if (!utf8::is_valid(written.network) || !utf8::is_valid(written.handle)) {
      faults.push_back({utf8::repaired(written.network), "handle: not valid UTF-8 (save the file as UTF-8)"});
      continue;
    }
    const auto style = networks.find(written.network);
    if (style == networks.end()) {
      faults.push_back({written.network, "no installed network plugin is called \"" +
                                             utf8::preview(written.network, 40) +
                                             "\" (GET /api/v1/networks lists them)"});
      continue;
    }
    auto check = check_handle(written.handle, style->second);
    if (!check.ok()) {
      faults.push_back({written.network, written.network + ": " + check.problem});
      continue;
    }
    const bool twice =
        std::any_of(kept.begin(), kept.end(), [&](const NetworkHandle& h) { return h.network == written.network; });
    if (twice) {
      faults.push_back({written.network, "one handle per network: " + written.network + " is given twice"});
      continue;
    }
    kept.push_back({written.network, std::move(check.handle)});
  }
  sort_handles(kept);
  contact.handles = std::move(kept);
  return faults;
}

std::string identity_key(std::string_view name, std::string_view organisation) {
  return folded(name) + '\n' + folded(organisation);
}

ContactIndex::ContactIndex(std::vector<PressContact> contacts) : contacts_(std::move(contacts)) {
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    by_identity_.emplace(identity_key(contacts_[i].name, contacts_[i].organisation), i);
    for (const auto& handle : contacts_[i].handles)
      by_handle_.emplace(handle.network + '\n' + handle_key(handle.handle), i);
  }
}

std::vector<ContactIndex::Collision> ContactIndex::collisions(const PressContact& contact) const {
  std::vector<Collision> found;
  const auto is_itself = [&](std::size_t i) { return contact.id.value != 0 && contacts_[i].id == contact.id; };
  const auto [first, last] = by_identity_.equal_range(identity_key(contact.name, contact.organisation));
  for (auto it = first; it != last; ++it) {
    if (is_itself(it->second)) continue;
    const auto& other = contacts_[it->second];
    found.push_back({{"name", "there is a contact " + described(other) + " already"}, &other});
  }
  for (const auto& handle : contact.handles) {
    const auto [from, to] = by_handle_.equal_range(handle.network + '\n' + handle_key(handle.handle));
    for (auto it = from; it != to; ++it) {
      if (is_itself(it->second)) continue;
      const auto& other = contacts_[it->second];
      found.push_back({{handle.network,
                        handle.handle + " on " + handle.network + " is the handle of " + described(other) + " already"},
                       &other});
    }
  }
  return found;
}

const PressContact* ContactIndex::named(std::string_view name, std::string_view organisation) const {
  const auto it = by_identity_.find(identity_key(name, organisation));
  return it == by_identity_.end() ? nullptr : &contacts_[it->second];
}

}  // namespace kanal::contacts
