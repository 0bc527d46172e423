#include "gui_driver.h"

#include <cairo.h>
#include <wx/app.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/image.h>
#include <wx/listbox.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

namespace kanal::test {

namespace {
void pump_once() {
  wxTheApp->ProcessPendingEvents();
  wxTheApp->Yield(true);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
}  // namespace

bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    pump_once();
  }
  return true;
}

void pump_for(std::chrono::milliseconds duration) {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < deadline) pump_once();
}

void click_at(wxWindow* window, wxPoint point) {
  if (window == nullptr) throw std::runtime_error("click: no such window");
  if (!pump_until([&] { return window->IsShownOnScreen(); })) throw std::runtime_error("click: window not shown");
  wxUIActionSimulator sim;
  sim.MouseMove(window->ClientToScreen(point));
  pump_for(std::chrono::milliseconds(50));
  sim.MouseClick();
  pump_for(std::chrono::milliseconds(150));
}

void choose_in_sidebar(wxWindow* frame, const wxString& label) {
  auto* sidebar = find<wxListBox>(frame, "sidebar");
  if (sidebar == nullptr) throw std::runtime_error("no sidebar");
  const int row = sidebar->FindString(label);
  if (row == wxNOT_FOUND) throw std::runtime_error("the sidebar has no " + label.utf8_string());
  click_at(sidebar, wxPoint(20, 10));
  wxUIActionSimulator keys;
  for (int i = 0; i < row; ++i) {
    keys.Char(WXK_DOWN);
    pump_for(std::chrono::milliseconds(60));
  }
  pump_for(std::chrono::milliseconds(100));
}

void drag(wxWindow* window, wxPoint from, wxPoint to) {
  if (window == nullptr) throw std::runtime_error("drag: no such window");
  if (!pump_until([&] { return window->IsShownOnScreen(); })) throw std::runtime_error("drag: window not shown");
  wxUIActionSimulator sim;
  sim.MouseMove(window->ClientToScreen(from));
  pump_for(std::chrono::milliseconds(50));
  sim.MouseDown();
  pump_for(std::chrono::milliseconds(50));
  constexpr int kSteps = 12;
  for (int step = 1; step <= kSteps; ++step) {
    sim.MouseMove(window->ClientToScreen(from + (to - from) * step / kSteps));
    pump_for(std::chrono::milliseconds(25));
  }
  sim.MouseUp();
  pump_for(std::chrono::milliseconds(150));
}

void click(wxWindow* window) {
  if (window == nullptr) throw std::runtime_error("click: no such window");
  const auto size = window->GetClientSize();
  click_at(window, wxPoint(size.x / 2, size.y / 2));
}

namespace {
int g_assert_count = 0;
}

void install_assert_counter() {
  wxSetAssertHandler(
      [](const wxString& file, int line, const wxString& func, const wxString& cond, const wxString& msg) {
        ++g_assert_count;
        std::fprintf(stderr, "wx assertion at %s:%d in %s: %s %s\n", file.utf8_str().data(), line,
                     func.utf8_str().data(), cond.utf8_str().data(), msg.utf8_str().data());
      });
}

int wx_assert_count() { return g_assert_count; }

void type_text(const std::string& ascii_text) {
  wxUIActionSimulator sim;
  sim.Text(ascii_text.c_str());
  pump_for(std::chrono::milliseconds(150));
}

void press_ctrl(int key) {
  wxUIActionSimulator sim;
  sim.Char(key, wxMOD_CONTROL);
  pump_for(std::chrono::milliseconds(150));
}

void save_screenshot(wxWindow* window, const std::filesystem::path& png) {
  window->Refresh();
  pump_for(std::chrono::milliseconds(300));
  window->Update();
  const wxRect rect = window->GetScreenRect();
  wxBitmap bitmap(rect.width, rect.height, 24);
  {
    wxScreenDC screen;
    // cairo keeps a snapshot of a surface it has read before unless told
    // the pixels changed: without this, every screenshot is the first one.
    if (auto* cairo = static_cast<cairo_t*>(screen.GetImpl()->GetCairoContext())) {
      cairo_surface_mark_dirty(cairo_get_target(cairo));
    }
    wxMemoryDC memory(bitmap);
    memory.Blit(0, 0, rect.width, rect.height, &screen, rect.x, rect.y);
  }
  std::filesystem::create_directories(png.parent_path());
  if (!bitmap.ConvertToImage().SaveFile(png.string(), wxBITMAP_TYPE_PNG)) {
    throw std::runtime_error("cannot save " + png.string());
  }
}

}  // namespace kanal::test
