#pragma once
// The composer's checks beside the draft: a live counter per target account
// (red past the network's limit), the readability score against the target,
// the rights-and-entitlements flag, and the plain-language hints; clicking a
// hint selects its words in the editor. Checks run on a worker thread, the
// newest text first, so typing never waits for them.

#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/connection.h"
#include "core/domain.h"
#include "core/executor.h"
#include "text/network_count.h"
#include "text/plain_language.h"

namespace kanal::gui {

class CheckPanel final : public wxPanel {
 public:
  // Selects [start, end) code points of the post's text.
  using JumpTo = std::function<void(std::size_t start, std::size_t end)>;
  CheckPanel(wxWindow* parent, Connection& connection, JumpTo jump_to);
  ~CheckPanel() override;

  void reload_accounts();
  // Checks `text` (the post's first part) in the background.
  void check(const std::string& text, std::size_t images_without_alt);
  std::string language() const;

  // For tests and the latency figure: when the newest check was shown.
  unsigned shown_generation() const { return shown_generation_; }
  unsigned requested_generation() const { return *latest_; }

 private:
  struct Result;
  void show(const Result& result);
  void on_hint_selected();

  Connection& connection_;
  JumpTo jump_to_;
  wxChoice* language_;
  wxBoxSizer* counters_sizer_;
  wxStaticText* summary_;
  wxListBox* hints_;
  std::vector<Account> accounts_;
  std::vector<wxStaticText*> counters_;
  std::vector<text::Hint> shown_hints_;
  std::string last_text_;
  std::size_t last_images_without_alt_ = 0;
  std::shared_ptr<std::atomic<unsigned>> latest_ = std::make_shared<std::atomic<unsigned>>(0);
  unsigned shown_generation_ = 0;
  std::unique_ptr<Executor> worker_;  // last member: joined first, while the rest still exists
};

}  // namespace kanal::gui
