#pragma once
// The composer's checks beside the draft: a live counter per target account
// (red past the network's limit), the readability score against the target,
// the rights-and-entitlements flag, and the plain-language hints; clicking a
// hint selects its words in the editor. Checks run on a worker thread, the
// newest text first, so typing never waits for them.

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/html/htmlwin.h>
#include <wx/listbox.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
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
  // A stretch of the post's text to mark in the editor (code points).
  struct Mark {
    enum Kind { overflow, spelling } kind;
    std::size_t start;
    std::size_t end;
  };
  struct Callbacks {
    std::function<void(std::size_t start, std::size_t end)> jump_to;    // select a hint's words
    std::function<void(const std::vector<Mark>&)> marks;                // what to mark in the text now
    std::function<void(const std::string&)> language_chosen;            // the officer picked a language
    std::function<void(const text::CountRules&, bool numbered)> split;  // make a thread that fits these rules
  };
  CheckPanel(wxWindow* parent, Connection& connection, Callbacks callbacks);
  ~CheckPanel() override;

  // The accounts to count for (the connected ones).
  // The accounts to count for, each by its network's descriptor.
  void set_accounts(const std::vector<Account>& accounts, const std::vector<NetworkDescriptor>& networks);
  // Checks `text` (the post's first part) in the background; an account
  // with its own variant is counted on that.
  void check(const std::string& text, const std::map<std::int64_t, std::string>& variants,
             std::size_t images_without_alt);
  std::string language() const;
  // What the shown draft says: its language, and its segment's reading target.
  void set_context(const std::string& language, const text::ReadingTarget& target);
  // Reads the workspace's word lists and dictionary from kanald.
  void reload_word_lists();
  // What the approval policy asks of the draft as saved ("" when unknown).
  void set_approval(const wxString& summary);

  // For tests and the latency figure: when the newest check was shown.
  unsigned shown_generation() const { return shown_generation_; }
  unsigned requested_generation() const { return *latest_; }
  // From the text change to its counters and hints on screen, for the shown check.
  std::chrono::duration<double, std::milli> last_latency() const { return last_latency_; }

 private:
  struct Result;
  void show(const Result& result);
  void on_hint_selected();
  // Adds the selected unknown word to the workspace dictionary.
  void add_to_dictionary();
  void recheck() { check(last_text_, last_variants_, last_images_without_alt_); }

  Connection& connection_;
  Callbacks callbacks_;
  wxChoice* language_;
  wxBoxSizer* counters_sizer_;
  wxStaticText* summary_;
  wxStaticText* approval_;
  wxNotebook* pages_;
  wxListBox* hints_;
  wxHtmlWindow* preview_;
  wxButton* add_word_;
  wxButton* split_;
  wxCheckBox* numbered_;
  std::optional<text::CountRules> strictest_overflow_;  // the tightest rules the post's text breaks
  std::shared_ptr<const text::WordLists> lists_;
  std::vector<Account> accounts_;
  std::vector<NetworkDescriptor> networks_;  // each account's network, in the same order
  std::vector<wxStaticText*> counters_;
  std::vector<text::Hint> shown_hints_;
  std::string last_text_;
  std::map<std::int64_t, std::string> last_variants_;
  std::size_t last_images_without_alt_ = 0;
  text::ReadingTarget target_;
  std::shared_ptr<std::atomic<unsigned>> latest_ = std::make_shared<std::atomic<unsigned>>(0);
  unsigned shown_generation_ = 0;
  std::chrono::duration<double, std::milli> last_latency_{0};
  std::unique_ptr<Executor> worker_;  // last member: joined first, while the rest still exists
};

}  // namespace kanal::gui
