#include "support/template_post.h"

#include "text/templates.h"

namespace kanal::test {

Post create_template_post(client::ApiClient& api) {
  const std::map<std::string, std::string> fields{
      {"benefit", "Barnbidraget"}, {"payment_date", "2027-03-25"}, {"link", "https://example.se/bb"}};
  const auto composed = text::composed_text(text::default_catalog(), "payment_date_reminder", "families", "sv", fields);
  wire::CreatePostRequest request{composed, {}, {}, {}};
  request.language = "sv";
  request.origin = PostOrigin{"payment_date_reminder", "families", composed, fields};
  return api.create_post(request).get();
}

}  // namespace kanal::test
