#include "store/keyring.h"

#include <libsecret/secret.h>

#include <cstdlib>
#include <memory>

namespace kanal::store::keyring {
namespace {

const SecretSchema* schema() {
  static const SecretSchema kSchema = {
      "org.kanal.WorkspaceKey",
      SECRET_SCHEMA_NONE,
      {{"workspace", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
      0,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr,
      nullptr};
  return &kSchema;
}

// A keyring belongs to a desktop session; without a session bus there is
// none, and libsecret must not try to start one from a service.
void require_session_bus() {
  const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
  if (address == nullptr || *address == '\0') throw Unavailable("there is no desktop session bus");
}

[[noreturn]] void fail(GError* error, const std::string& what) {
  std::string message = what + ": " + (error != nullptr ? error->message : "unknown error");
  if (error != nullptr) g_error_free(error);
  throw Unavailable(message);
}

}  // namespace

std::optional<std::string> lookup(const std::string& workspace) {
  require_session_bus();
  GError* error = nullptr;
  gchar* secret = secret_password_lookup_sync(schema(), nullptr, &error, "workspace", workspace.c_str(), nullptr);
  if (error != nullptr) fail(error, "the keyring could not be read");
  if (secret == nullptr) return std::nullopt;
  std::string value = secret;
  secret_password_free(secret);
  return value;
}

void store(const std::string& workspace, const std::string& label, const std::string& secret) {
  require_session_bus();
  GError* error = nullptr;
  const gboolean stored = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(),
                                                     nullptr, &error, "workspace", workspace.c_str(), nullptr);
  if (error != nullptr || !stored) fail(error, "the keyring did not take the key");
}

}  // namespace kanal::store::keyring
