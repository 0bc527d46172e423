#pragma once
// The OS keyring through libsecret (the freedesktop Secret Service: GNOME
// Keyring, KWallet, KeePassXC). Only what Kanal needs: one secret per
// workspace.

#include <optional>
#include <stdexcept>
#include <string>

namespace kanal::store::keyring {

// No Secret Service answers (no session bus, none running, or it refused).
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The secret kept for `workspace`, or nullopt when there is none.
std::optional<std::string> lookup(const std::string& workspace);
void store(const std::string& workspace, const std::string& label, const std::string& secret);

}  // namespace kanal::store::keyring
