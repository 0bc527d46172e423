#pragma once
// Stand-ins for what is outside the app in a GUI test: the person's browser
// on the network's sign-in page, and their answer to "which server?".

#include <wx/testing.h>
#include <wx/textdlg.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

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

// Answers the "which server?" question as a person would type it.
class EnterInstanceUrl final : public wxExpectModalBase<wxTextEntryDialog, EnterInstanceUrl> {
 public:
  explicit EnterInstanceUrl(std::string url) : url_(std::move(url)) {}

 protected:
  int OnInvoked(wxTextEntryDialog* dialog) const override {
    dialog->SetValue(wxString::FromUTF8(url_));
    return wxID_OK;
  }

 private:
  std::string url_;
};

}  // namespace kanal::test
