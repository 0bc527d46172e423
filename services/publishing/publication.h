#pragma once
// From a stored post to what a network plugin publishes, and the checks that
// come first: a post goes out only if every part fits the account's limit
// as its network counts, every image has its alt text, and the network can
// carry its shape (a thread, so many images).

#include <string>

#include "core/domain.h"
#include "kanal/plugin/network.h"
#include "store/media_repository.h"

namespace kanal::publishing {

// Throws kanal::Error (invalid_input, naming `field`) when `post` cannot go
// to `account` on `network` as it is.
void require_publishable(const Post& post, const Account& account, const NetworkDescriptor& network,
                         const std::string& field);

// The post as `account` publishes it: its variant's text on the first part,
// then the thread; each image with its bytes and alt text; each part's
// links, mentions and hashtags as the network finds them.
plugin::Publication publication_for(const Post& post, const Account& account, const NetworkDescriptor& network,
                                    store::MediaRepository& media);

}  // namespace kanal::publishing
