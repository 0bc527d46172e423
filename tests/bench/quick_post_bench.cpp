// Benchmark (not a timed test) of Quick post, the director's way to say
// something now: from the keystroke (Ctrl+Shift+N in the main window, as
// the X server delivers it) to the window shown, and to its first counter
// drawn (the account kept for the person ticked, the counter computed by
// X's rules on the empty text) — what a person in a hurry waits for. Then
// from a keystroke in the text to the counter showing it. Median of the
// runs, and the first (the window's first opening reads the accounts and
// networks from kanald; so does every opening).
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" quick_post_bench [--runs N]
// kanald runs on 127.0.0.1 with the training sandbox's account connected.
#include <wx/app.h>
#include <wx/config.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/uiaction.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "analytics_bench_support.h"
#include "api/client/api_client.h"
#include "app/main_frame.h"
#include "app/utf8_locale.h"
#include "gui_driver.h"
#include "quickpost/quick_post_window.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

namespace {

// Looks every millisecond, right after the pending events and after the rest of the pass.
bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Steady::now() + timeout;
  while (!done()) {
    if (Steady::now() >= deadline) return false;
    wxTheApp->ProcessPendingEvents();
    if (done()) break;
    wxTheApp->Yield(true);
    if (done()) break;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

int run(int runs) {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  // The account kept for the person at the desk (the workspace owner here), as a director's is.
  api.set_account_permissions(account.id, {{api.me().get().user.id, {"draft", "publish", "approve"}}}).get();

  auto* frame = new gui::MainFrame(gui::ConnectionTarget{kanald.endpoint(), {}, {}});
  frame->SetSize(1100, 720);
  frame->Show();
  if (!wait_for([&] { return frame->connection().me().has_value(); }, 30s)) {
    throw std::runtime_error("the main window did not connect to kanald");
  }
  test::pump_for(1s);

  std::vector<double> shown, counter, typed;
  for (int i = 0; i < runs; ++i) {
    frame->Raise();
    frame->SetFocus();
    test::pump_for(300ms);
    const auto pressed = Steady::now();
    wxUIActionSimulator keys;
    keys.Char('N', wxMOD_CONTROL | wxMOD_SHIFT);
    if (!wait_for([&] { return frame->quick_post() && frame->quick_post()->IsShownOnScreen(); }, 10s)) {
      throw std::runtime_error("Ctrl+Shift+N did not open Quick post");
    }
    shown.push_back(bench::ms_since(pressed));
    auto* quick = frame->quick_post();
    if (!wait_for([&] { return quick->counters().Contains("/"); }, 10s)) {
      throw std::runtime_error("Quick post showed no counter");
    }
    counter.push_back(bench::ms_since(pressed));
    test::pump_for(200ms);
    const auto key = Steady::now();
    quick->type_text("H");
    if (!wait_for([&] { return quick->counters().Contains(" 1/"); }, 10s)) {
      throw std::runtime_error("the counter did not follow the keystroke");
    }
    typed.push_back(bench::ms_since(key));
    quick->Destroy();  // nothing typed worth keeping: no draft is left behind
    test::pump_for(300ms);
  }
  std::printf(
      "quick post: keystroke to window shown %.0f ms median (first %.0f ms), to the first counter %.0f ms "
      "median (first %.0f ms), a keystroke to its counter %.1f ms median; %d runs\n",
      median(shown), shown.front(), median(counter), counter.front(), median(typed), runs);
  frame->Destroy();
  test::pump_for(300ms);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = static_cast<int>(std::max<std::int64_t>(1, bench::option(argc, argv, "--runs", 11)));
  wxApp::SetInstance(new wxApp);
  int wx_argc = 1;
  if (!wxEntryStart(wx_argc, argv)) {
    std::fprintf(stderr, "cannot start wxWidgets: is there an X display (DISPLAY)?\n");
    return 1;
  }
  wxTheApp->SetAppName("kanal-bench");
  gui::ensure_utf8_ctype();
  wxInitAllImageHandlers();
  wxConfigBase::DontCreateOnDemand();
  test::install_assert_counter();
  int result = 0;
  {
    wxEventLoop loop;
    wxEventLoopActivator active(&loop);
    try {
      result = run(runs);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "quick_post_bench: %s\n", e.what());
      result = 1;
    }
  }
  wxEntryCleanup();
  return result;
}
