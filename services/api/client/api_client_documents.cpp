// The workspace's documents (approval policy, templates, word lists, moderation).
#include "api/client/api_client.h"

namespace kanal::client {

Future<std::vector<wire::DocumentInfo>> ApiClient::documents() {
  return executor_->submit([this] { return wire::parse_documents(call("GET", "/documents", {})); });
}

Future<wire::DocumentInfo> ApiClient::document(std::string name) {
  return executor_->submit([this, name = std::move(name)] {
    return wire::parse_document(call("GET", "/documents/" + url_encode(name), {}));
  });
}

Future<wire::DocumentInfo> ApiClient::replace_document(std::string name, wire::DocumentChange change) {
  return executor_->submit([this, name = std::move(name), change = std::move(change)] {
    return wire::parse_document(call("PUT", "/documents/" + url_encode(name), wire::to_json(change), true));
  });
}

Future<std::string> ApiClient::policy() {
  return executor_->submit(
      [this] { return wire::parse_document(call("GET", "/documents/approval-policy", {})).content; });
}

Future<std::string> ApiClient::replace_policy(std::string text) {
  return executor_->submit([this, text = std::move(text)] {
    return wire::parse_document(
               call("PUT", "/documents/approval-policy", wire::to_json(wire::DocumentChange{text, std::nullopt}), true))
        .content;
  });
}

}  // namespace kanal::client
