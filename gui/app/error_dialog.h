#pragma once
#include <wx/string.h>
#include <wx/window.h>

#include "core/error.h"

namespace kanal::gui {

// A summary the user can act on, with the technical detail underneath.
void show_error(wxWindow* parent, const wxString& summary, const Error& error);
// The same, for an unauthorized answer too (a wrong password at sign-in).
void show_error_always(wxWindow* parent, const wxString& summary, const Error& error);

// What an error means for the person at the desk, in one sentence.
wxString explain(const Error& error);

}  // namespace kanal::gui
