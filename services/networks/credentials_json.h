#pragma once
// Credentials to and from the JSON that is sealed into the store.

#include <string>

#include "kanal/plugin/network.h"

namespace kanal::networks {

std::string credentials_to_json(const plugin::Credentials& credentials);
plugin::Credentials credentials_from_json(const std::string& json);

}  // namespace kanal::networks
