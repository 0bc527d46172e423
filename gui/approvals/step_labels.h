#pragma once
// Approval steps in words, wherever the app names them.

#include <wx/string.h>

#include <string>
#include <vector>

namespace kanal::gui {

// "line_manager" → "line manager".
wxString step_label(const std::string& step);
// "subject expert, then line manager".
wxString steps_label(const std::vector<std::string>& steps);

}  // namespace kanal::gui
