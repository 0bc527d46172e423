#include "networks/connection.h"

#include "core/error.h"
#include "networks/credentials_json.h"
#include "store/account_repository.h"

namespace kanal::networks {

plugin::Connection open_connection(Poco::Data::Session& session, const store::SecretBox& secrets,
                                   const Account& account) {
  const auto sealed = store::AccountRepository(session).sealed_credentials(account.id);
  if (!sealed || account.health == AccountHealth::disconnected) {
    throw Error(ErrorCode::invalid_input, account.handle + " is not connected");
  }
  return plugin::Connection{account.instance_url, account.network_account_id,
                            credentials_from_json(secrets.open(*sealed))};
}

}  // namespace kanal::networks
