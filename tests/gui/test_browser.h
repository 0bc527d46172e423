#pragma once
// Stand-ins for what is outside the app in a GUI test: the person's browser
// on the network's sign-in page, and what they fill into Connect account.

#include <wx/testing.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "accounts/connect_dialog.h"
#include "gui_driver.h"
#include "support/sandbox_process.h"

namespace kanal::test {

class TestBrowser {
 public:
  // approve: press Authorize and follow the redirect back to kanald, as a
  // person would; otherwise the page is only opened (and left).
  TestBrowser(SandboxProcess& sandbox, bool approve) : sandbox_(sandbox), approve_(approve) {}
  ~TestBrowser() { join(); }
  TestBrowser(const TestBrowser&) = delete;
  TestBrowser& operator=(const TestBrowser&) = delete;

  void open(const std::string& url);
  // Does now what the person does on the last page opened: authorize and go
  // back; returns the page kanald showed then.
  std::string approve_last();
  void join();
  std::string error() const;
  std::vector<std::string> opened() const;

 private:
  SandboxProcess& sandbox_;
  bool approve_;
  mutable std::mutex mutex_;
  std::vector<std::string> opened_;
  std::string error_;
  std::vector<std::thread> threads_;
};

// Fills Connect account as a person would: the network, its server, and
// (when given) a handle and an app password instead of the browser.
class EnterInstanceUrl final : public wxExpectModalBase<gui::ConnectDialog, EnterInstanceUrl> {
 public:
  explicit EnterInstanceUrl(std::string url, std::string network = "mastodon", std::string handle = {},
                            std::string app_password = {})
      : url_(std::move(url)),
        network_(std::move(network)),
        handle_(std::move(handle)),
        password_(std::move(app_password)) {}

 protected:
  int OnInvoked(gui::ConnectDialog* dialog) const override {
    dialog->choose_network(network_);
    dialog->set_server(url_);
    if (!handle_.empty()) dialog->use_app_password(handle_, password_);
    // What the person saw before pressing Connect.
    dialog->Show();
    pump_until([&] { return dialog->IsShownOnScreen(); });
    pump_for(std::chrono::milliseconds(500));
    save_screenshot(dialog, std::filesystem::path(KANAL_TEST_ARTIFACTS_DIR) / ("connect-" + network_ + ".png"));
    dialog->Hide();
    return wxID_OK;
  }

 private:
  std::string url_;
  std::string network_;
  std::string handle_;
  std::string password_;
};

}  // namespace kanal::test
