#include "store/audit_anchor.h"

#include <sodium.h>

#include "core/error.h"
#include "store/audit_repository.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_SEEDBYTES == 32);

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// What a signature covers, in one unambiguous line per field.
std::string signed_text(const AuditAnchor& anchor) {
  return "kanal audit anchor 1\n" + std::to_string(anchor.seq) + "\n" + anchor.hash + "\n" +
         std::to_string(to_unix_ms(anchor.event_at)) + "\n" + std::to_string(to_unix_ms(anchor.anchored_at)) + "\n";
}

}  // namespace

AnchorKey::AnchorKey(const SecretBox& workspace_key) {
  auto seed = workspace_key.derived_key(1, "kanalanc");
  crypto_sign_seed_keypair(public_key_.data(), secret_key_.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
}

AnchorKey::~AnchorKey() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

std::string AnchorKey::public_key_hex() const { return hex(public_key_.data(), public_key_.size()); }

void AnchorKey::sign(AuditAnchor& anchor) const {
  const auto text = signed_text(anchor);
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       secret_key_.data());
  anchor.public_key = public_key_hex();
  anchor.signature = hex(signature.data(), signature.size());
}

bool AnchorKey::signed_here(const AuditAnchor& anchor) const {
  if (anchor.public_key != public_key_hex()) return false;
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  std::size_t length = 0;
  if (sodium_hex2bin(signature.data(), signature.size(), anchor.signature.data(), anchor.signature.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != signature.size()) {
    return false;
  }
  const auto text = signed_text(anchor);
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                     public_key_.data()) == 0;
}

AuditAnchor anchor_head(Poco::Data::Session& session, const AnchorKey& key, Timestamp anchored_at) {
  // An anchor vouches for the chain as it was just walked: never for a
  // broken one, nor for a head the walk did not reach.
  AuditEvent last;
  const auto check = AuditRepository(session).verify(&last);
  if (!check.intact) {
    throw Error(ErrorCode::invalid_input, "the audit trail is broken at event " + std::to_string(check.broken_seq) +
                                              " (" + check.reason + "); an anchor would vouch for it, so none is made");
  }
  if (last.seq == 0) throw Error(ErrorCode::invalid_input, "the audit trail is empty: there is nothing to anchor yet");
  AuditAnchor anchor;
  anchor.seq = last.seq;
  anchor.hash = last.hash;
  anchor.event_at = last.at;
  anchor.anchored_at = anchored_at;
  key.sign(anchor);
  return anchor;
}

AuditChainCheck verify_against(Poco::Data::Session& session, const AnchorKey& key, const AuditAnchor& anchor) {
  auto check = AuditRepository(session).verify();
  if (!check.intact) return check;
  const auto broken = [&](std::string reason) {
    check.intact = false;
    check.broken_seq = anchor.seq;
    check.reason = std::move(reason);
    return check;
  };
  if (!key.signed_here(anchor)) {
    return broken("the anchor was not signed with this workspace's key, or was changed since");
  }
  Int64 seq = anchor.seq;
  std::vector<std::string> hashes;
  std::vector<Int64> ids;
  session << "SELECT hash, id FROM audit_events WHERE seq = $1", into(hashes), into(ids), use(seq), now;
  if (hashes.empty()) {
    return broken("the chain ends before event " + std::to_string(anchor.seq) + ", which was anchored on " +
                  to_iso8601(anchor.anchored_at) + ": events were removed");
  }
  if (hashes.front() != anchor.hash) {
    check.broken_id = ids.front();
    return broken("event " + std::to_string(anchor.seq) + " is not the one anchored on " +
                  to_iso8601(anchor.anchored_at) + ": the chain was rebuilt from that event or one before it");
  }
  check.anchored_seq = anchor.seq;
  return check;
}

}  // namespace kanal::store
