#pragma once
// Anchors of the audit trail. The hash chain shows an event changed or
// removed, but whoever can write the database could rebuild the whole chain
// from any event on. An anchor — the head's seq, hash and time, signed with
// an Ed25519 key derived from the workspace key (never in the database) —
// fixes the chain up to that event: kept outside (a file, a records system,
// an e-mail), it catches a chain rebuilt from any point before it.

#include <Poco/Data/Session.h>

#include <array>
#include <string>

#include "core/domain.h"
#include "store/secret_box.h"

namespace kanal::store {

class AnchorKey {
 public:
  explicit AnchorKey(const SecretBox& workspace_key);
  ~AnchorKey();
  AnchorKey(const AnchorKey&) = delete;
  AnchorKey& operator=(const AnchorKey&) = delete;

  std::string public_key_hex() const;
  // Signs what the anchor says (seq, hash, times) and names this key.
  void sign(AuditAnchor& anchor) const;
  // Whether this workspace's key signed the anchor as it stands.
  bool signed_here(const AuditAnchor& anchor) const;

 private:
  std::array<unsigned char, 32> public_key_{};
  std::array<unsigned char, 64> secret_key_{};
};

// The chain's head now, signed. Throws invalid_input when the trail is empty.
AuditAnchor anchor_head(Poco::Data::Session& session, const AnchorKey& key, Timestamp anchored_at);

// Checks the chain and, when it is intact, that it still holds the anchored
// event as it was: the check says where and why not.
AuditChainCheck verify_against(Poco::Data::Session& session, const AnchorKey& key, const AuditAnchor& anchor);

}  // namespace kanal::store
