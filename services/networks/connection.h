#pragma once
// What a plugin needs to act as a connected account: its server and its
// credentials, opened with the workspace key.

#include <Poco/Data/Session.h>

#include <chrono>

#include "core/domain.h"
#include "kanal/plugin/network.h"
#include "store/secret_box.h"

namespace kanal::networks {

// Waits for a plugin's answer, bounded: a network that never answers must
// not hold up the other accounts.
template <class T>
T await(Future<T> future, std::chrono::seconds timeout) {
  if (!future.wait_for(timeout)) {
    throw plugin::NetworkError(plugin::FailureKind::transient,
                               "no answer within " + std::to_string(timeout.count()) + " s");
  }
  return future.get();
}

// Error(invalid_input) when the account is not connected; Error from the secret
// box when its credentials were sealed with another key.
plugin::Connection open_connection(Poco::Data::Session& session, const store::SecretBox& secrets,
                                   const Account& account);

}  // namespace kanal::networks
