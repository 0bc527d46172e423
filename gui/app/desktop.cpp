#include "app/desktop.h"

#include <wx/app.h>
#include <wx/filedlg.h>
#include <wx/intl.h>
#include <wx/notifmsg.h>
#include <wx/utils.h>

#include <memory>
#include <utility>

namespace kanal::gui {

Desktop Desktop::system() {
  Desktop desktop;
  desktop.open_browser = [](const std::string& url) { wxLaunchDefaultBrowser(wxString::FromUTF8(url)); };
  desktop.choose_image = [](wxWindow* parent) -> std::optional<std::filesystem::path> {
    wxFileDialog pick(parent, _("Choose an image"), {}, {},
                      _("Images (*.png;*.jpg;*.jpeg;*.gif;*.webp)|*.png;*.PNG;*.jpg;*.JPG;*.jpeg;*.JPEG;*.gif;*.GIF;"
                        "*.webp;*.WEBP|All files|*"),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (pick.ShowModal() != wxID_OK) return std::nullopt;
    return std::filesystem::path(pick.GetPath().utf8_string());
  };
  desktop.choose_save = [](wxWindow* parent, const wxString& suggested,
                           const wxString& wildcard) -> std::optional<std::filesystem::path> {
    wxFileDialog pick(parent, _("Export to"), {}, suggested, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (pick.ShowModal() != wxID_OK) return std::nullopt;
    return std::filesystem::path(pick.GetPath().utf8_string());
  };
  desktop.choose_open = [](wxWindow* parent, const wxString& wildcard) -> std::optional<std::filesystem::path> {
    wxFileDialog pick(parent, _("Import from"), {}, {}, wildcard, wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (pick.ShowModal() != wxID_OK) return std::nullopt;
    return std::filesystem::path(pick.GetPath().utf8_string());
  };
  desktop.notify = [](const wxString& title, const wxString& message, std::function<void()> on_click) {
    // Lives until the person clicks, picks Open or dismisses it (wxGTK's
    // libnotify sends only the last two); whichever comes first frees it.
    auto* note = new wxNotificationMessage(title, message);
    auto freed = std::make_shared<bool>(false);
    auto free_once = [note, freed] {
      if (std::exchange(*freed, true)) return;
      wxTheApp->CallAfter([note] { delete note; });
    };
    auto open = [on_click, free_once](wxCommandEvent&) {
      if (on_click) on_click();
      free_once();
    };
    if (on_click) note->AddAction(wxID_OPEN, _("Open"));
    note->Bind(wxEVT_NOTIFICATION_MESSAGE_CLICK, open);
    note->Bind(wxEVT_NOTIFICATION_MESSAGE_ACTION, open);
    note->Bind(wxEVT_NOTIFICATION_MESSAGE_DISMISSED, [free_once](wxCommandEvent&) { free_once(); });
    note->Show();
  };
  return desktop;
}

}  // namespace kanal::gui
