#pragma once
// Finding press contacts as people type: by the beginnings of the words of
// a name or organisation, or of a handle, whatever the case and accents —
// "ostl" finds Östlund, "sod" Søderberg, "@anna.b" @anna.bsky.social.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/press_contact.h"

namespace kanal::contacts {

// Case folded, accents dropped (å → a, ö → o) and the Latin letters that
// are no accented letter as plain ones (ø → o, æ → ae, ß → ss); other
// scripts lose their accents too but stay in their script. Text that is
// not UTF-8 has its bad bytes replaced.
std::string search_form(std::string_view text);

struct ContactQuery {
  std::string text;     // words; empty: every contact
  std::string network;  // a network id; empty: any
  std::size_t limit = 20;
};

// The contacts `query` finds, by name (then organisation, then id), at most
// its limit: every word of its text begins a word of the name or the
// organisation, or a handle (the @ optional); with a network, only those
// with a handle there.
std::vector<PressContact> find_contacts(const std::vector<PressContact>& contacts, const ContactQuery& query);

}  // namespace kanal::contacts
