#pragma once
// What the app asks of the desktop around it: the system browser, the
// system file chooser and desktop notifications. Neither is a window of the app, so a GUI test stands
// in for them; the app itself always uses the real ones.

#include <wx/window.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kanal::gui {

struct Desktop {
  std::function<void(const std::string& url)> open_browser;
  // An image file the person chose, or nothing if they cancelled.
  std::function<std::optional<std::filesystem::path>(wxWindow* parent)> choose_image;
  // Where to save a file (an export), or nothing if they cancelled;
  // `wildcard` as wxFileDialog takes it ("Text (*.txt)|*.txt").
  std::function<std::optional<std::filesystem::path>(wxWindow* parent, const wxString& suggested,
                                                     const wxString& wildcard)>
      choose_save;
  // A file to open (an import), or nothing.
  std::function<std::optional<std::filesystem::path>(wxWindow* parent, const wxString& wildcard)> choose_open;

  // A notification outside the app's window ("a post awaits your approval");
  // `on_click` (may be empty) runs when the person clicks it.
  using Notify = std::function<void(const wxString& title, const wxString& message, std::function<void()> on_click)>;
  Notify notify;

  static Desktop system();
};

}  // namespace kanal::gui
