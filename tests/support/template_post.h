#pragma once
// A post made from Kanal's payment-date reminder for families in Swedish,
// unchanged: routine under the default approval policy.

#include "api/client/api_client.h"

namespace kanal::test {

Post create_template_post(client::ApiClient& api);

}  // namespace kanal::test
