#include "kanal/plugin/network.h"

namespace kanal::plugin {

std::string NetworkSettings::get(std::string_view key, std::string fallback) const {
  for (const auto& [name, value] : values) {
    if (name == key && !value.empty()) return value;
  }
  return fallback;
}

// A network declares the sign-in methods it has; the others are refused.
Future<AuthorizationRequest> Network::begin_authorization(const std::string&, const std::string&) {
  return failed<AuthorizationRequest>(FailureKind::rejected, descriptor().display_name + " has no browser sign-in");
}

Future<SignedIn> Network::complete_authorization(const std::string&, const AuthorizationRequest&, const std::string&) {
  return failed<SignedIn>(FailureKind::rejected, descriptor().display_name + " has no browser sign-in");
}

Future<SignedIn> Network::sign_in(const PasswordSignIn&) {
  return failed<SignedIn>(FailureKind::rejected, descriptor().display_name + " has no sign-in with an app password");
}

// Where a network cannot revoke a token, forgetting it is all there is.
Future<Done> Network::sign_out(const Connection&) {
  Promise<Done> promise;
  promise.set_value(Done{});
  return promise.future();
}

// A network without an idempotency window never needs to look.
Future<std::vector<Published>> Network::find_published(const Connection&, const Publication&, const std::string&,
                                                       Timestamp) {
  return failed<std::vector<Published>>(FailureKind::unknown_outcome,
                                        descriptor().display_name + " cannot look for a post on the account");
}

}  // namespace kanal::plugin
