#pragma once
// The rule that gives each network its own handle of a mentioned press
// contact. A post is written once, for several networks; a journalist's
// handle on X (@annasvensson) names nobody, or somebody else, on Mastodon.
// So in the text going to an account on network N:
//   - an @mention that is a press contact's handle on another network
//     becomes that contact's handle on N, or their name (without @) when
//     they have none on N;
//   - a mention that is nobody's handle, that is a handle on N already, or
//     that is the handle of two different contacts stays as written;
//   - an @ inside a word, an e-mail address or a link (after / or =) is no
//     mention.
// A mention is @ and a run of letters, digits, _ . and - (with a second @
// and a server for the fediverse), not counting the . or - that end it (a
// full stop); it must be a handle whole: "@anna.bsky.social" is not
// "@anna" followed by ".bsky.social". Handles compare without regard to case.
// Pure: kanald applies it where a post becomes what an account publishes
// (publishing/publication.h) and in the text check, so counters count
// what goes out.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/press_contact.h"

namespace kanal::contacts {

class PressMentions {
 public:
  PressMentions() = default;
  explicit PressMentions(std::vector<PressContact> contacts);

  // `text` as it goes to an account on `network`.
  std::string for_network(std::string_view text, std::string_view network) const;

 private:
  // What replaces `mention` on `network`; none: it stays.
  std::optional<std::string> replacement_for(std::string_view mention, std::string_view network) const;

  struct Holder {
    std::size_t contact = 0;  // index into contacts_
    std::string network;
  };
  std::vector<PressContact> contacts_;
  std::map<std::string, std::vector<Holder>, std::less<>> by_handle_;  // handle_key → who holds it where
};

}  // namespace kanal::contacts
