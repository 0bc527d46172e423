#pragma once
// Drives the real app like a person: mouse and keyboard through
// wxUIActionSimulator (XTEST), with the event loop pumped while waiting.

#include <wx/window.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace kanal::test {

// Pumps events until `done` or the timeout; returns done().
bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(20));
void pump_for(std::chrono::milliseconds duration);

template <class T = wxWindow>
T* find(wxWindow* parent, const char* name) {
  return dynamic_cast<T*>(wxWindow::FindWindowByName(name, parent));
}

void click(wxWindow* window);
// Clicks at a point in `window`'s client coordinates.
void click_at(wxWindow* window, wxPoint point);
// Picks the view called `label` in the main window's sidebar, with the
// mouse and the arrow keys, as a person would.
void choose_in_sidebar(wxWindow* frame, const wxString& label);
// Presses at `from`, moves in steps to `to` and lets go (client coordinates).
void drag(wxWindow* window, wxPoint from, wxPoint to);
// wx assertions (including a dialog a test expected but never saw) are
// counted, not shown: a test checks the count stays zero.
void install_assert_counter();
int wx_assert_count();
void type_text(const std::string& ascii_text);
void press_ctrl(int key);

// A picture of `window` as a person sees it, saved as PNG.
void save_screenshot(wxWindow* window, const std::filesystem::path& png);

}  // namespace kanal::test
