#pragma once
// From a stored post to what a network plugin publishes, and the checks that
// come first: a post goes out only if every part fits the account's limit
// as its network counts, every image has its alt text, and the network can
// carry its shape (a thread, so many images). The text of each part is the
// post's as written with press contacts' handles made the account's
// network's own (contacts/press_mentions.h): counted, checked and
// published as it goes out.

#include <string>
#include <vector>

#include "contacts/press_mentions.h"
#include "core/domain.h"
#include "kanal/plugin/network.h"
#include "store/media_repository.h"

namespace kanal::publishing {

// Throws kanal::Error (invalid_input, naming `field`) when `post` cannot go
// to `account` on `network` as it is.
void require_publishable(const Post& post, const Account& account, const NetworkDescriptor& network,
                         const contacts::PressMentions& press, const std::string& field);

// Each part's text as `account` publishes it: its variant's text or the
// post's first, then the thread, with press contacts' handles rewritten.
std::vector<std::string> texts_for(const Post& post, const Account& account, const contacts::PressMentions& press);

// The post as `account` publishes it: each part's text (texts_for), each
// image with its bytes and alt text; each part's links, mentions and
// hashtags as the network finds them.
plugin::Publication publication_for(const Post& post, const Account& account, const NetworkDescriptor& network,
                                    const contacts::PressMentions& press, store::MediaRepository& media);

}  // namespace kanal::publishing
