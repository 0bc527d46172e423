#include "app/error_dialog.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>

namespace kanal::gui {

wxString explain(const Error& error) {
  switch (error.code()) {
    case ErrorCode::unreachable:
      return _(
          "Kanal's service (kanald) cannot be reached. Your text stays in the editor; try again when the "
          "status bar says Connected.");
    case ErrorCode::unavailable: return _("The service is busy. Wait a moment and try again.");
    case ErrorCode::unauthorized: return _("You are not signed in, or your session has ended. Sign in again.");
    case ErrorCode::forbidden: return _("Your role does not allow this.");
    case ErrorCode::approval_required: return _("It needs approval first.");
    case ErrorCode::too_many_attempts:
      return _("Too many failed attempts. Wait, or ask an admin to reset your password.");
    case ErrorCode::stale_version: return _("Someone else changed this in the meantime.");
    case ErrorCode::not_found: return _("It no longer exists; it may have been deleted elsewhere.");
    case ErrorCode::invalid_input:
    case ErrorCode::unknown_field:
    case ErrorCode::malformed_json:
    case ErrorCode::payload_too_large:
    case ErrorCode::unsupported_media_type: return _("The service refused the input.");
    default: return _("Something went wrong.");
  }
}

void show_error(wxWindow* parent, const wxString& summary, const Error& error) {
  // A session that ended, or a sign-out while a request was on its way, is
  // told once, by the connection (the signed-out page), not by every view
  // whose request kanald refused.
  if (error.code() == ErrorCode::unauthorized) return;
  show_error_always(parent, summary, error);
}

void show_error_always(wxWindow* parent, const wxString& summary, const Error& error) {
  wxMessageDialog dialog(parent, summary, _("Kanal"), wxOK | wxICON_ERROR);
  dialog.SetExtendedMessage(explain(error) + "\n\n" + _("Details: ") + wxString::FromUTF8(error.detail()));
  dialog.ShowModal();
}

}  // namespace kanal::gui
