#include "api/wire/import_faults.h"

#include <limits>

#include "core/error.h"

namespace kanal::wire {

void write_import_problem(json::JsonWriter& w, const std::vector<ImportFault>& faults) {
  if (faults.empty()) return;
  json::write_string(w, "type", "about:blank");
  json::write_string(w, "title", "Invalid input");
  w.Key("status");
  w.Int(422);
  json::write_string(w, "code", "invalid_input");
  json::write_string(w, "detail", std::to_string(faults.size()) + " faults in the file; nothing was imported");
}

void write_import_faults(json::JsonWriter& w, const std::vector<ImportFault>& faults) {
  w.Key("faults");
  w.StartArray();
  for (const auto& fault : faults) {
    w.StartObject();
    w.Key("line");
    w.Int64(fault.line);
    json::write_string(w, "column", fault.column);
    json::write_string(w, "message", fault.message);
    w.EndObject();
  }
  w.EndArray();
}

std::vector<ImportFault> read_import_faults(json::ObjectReader& reader) {
  std::vector<ImportFault> faults;
  const auto* list = reader.optional_array("faults");
  if (list == nullptr) return faults;
  for (const auto& item : list->GetArray()) {
    json::ObjectReader fault(item, "faults[" + std::to_string(faults.size()) + "].");
    faults.push_back(ImportFault{fault.required_int("line", 0, std::numeric_limits<std::int64_t>::max()),
                                 fault.required_string("column", 64), fault.required_string("message", 2000)});
  }
  return faults;
}

}  // namespace kanal::wire
