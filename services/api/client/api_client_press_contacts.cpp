// Press contacts: search, changes (admins) and the CSV import.
#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "api/wire/problem.h"

namespace kanal::client {

Future<std::vector<contacts::PressContact>> ApiClient::press_contacts(wire::PressContactQuery query) {
  return executor_->submit([this, query = std::move(query)] {
    std::string path = "/press-contacts?limit=" + std::to_string(query.limit);
    if (!query.text.empty()) path += "&q=" + url_encode(query.text);
    if (!query.network.empty()) path += "&network=" + url_encode(query.network);
    return wire::parse_press_contacts(call("GET", path));
  });
}

Future<contacts::PressContact> ApiClient::create_press_contact(wire::PressContactRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_press_contact(call("POST", "/press-contacts", wire::to_json(request)));
  });
}

Future<contacts::PressContact> ApiClient::update_press_contact(contacts::PressContactId id,
                                                               wire::PressContactRequest request) {
  return executor_->submit([this, id, request = std::move(request)] {
    return wire::parse_press_contact(
        call("PUT", "/press-contacts/" + std::to_string(id.value), wire::to_json(request)));
  });
}

Future<Done> ApiClient::delete_press_contact(contacts::PressContactId id) {
  return executor_->submit([this, id] {
    call("DELETE", "/press-contacts/" + std::to_string(id.value));
    return Done{};
  });
}

Future<wire::PressImportResult> ApiClient::import_press_contacts(std::string csv) {
  return executor_->submit([this, csv = std::move(csv)] {
    auto response = exchange("POST", "/press-contacts/import", csv, "text/csv; charset=utf-8");
    if (response.status == 422) {
      auto result = wire::parse_press_import_result(response.body);  // the faults, by line and column
      if (!result.faults.empty()) return result;
    }
    if (response.status < 200 || response.status > 299) {
      throw wire::error_from_response(static_cast<int>(response.status), response.body);
    }
    return wire::parse_press_import_result(response.body);
  });
}

}  // namespace kanal::client
