#include "approvals/step_labels.h"

#include <wx/intl.h>

namespace kanal::gui {

wxString step_label(const std::string& step) {
  if (step == "line_manager") return _("line manager");
  if (step == "subject_expert") return _("subject expert");
  if (step == "director") return _("director");
  return wxString::FromUTF8(step);
}

wxString steps_label(const std::vector<std::string>& steps) {
  wxString out;
  for (const auto& step : steps) out += (out.empty() ? wxString() : _(", then ")) + step_label(step);
  return out;
}

}  // namespace kanal::gui
