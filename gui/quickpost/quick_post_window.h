#pragma once
// Quick post: the director's way to say something now. One small window,
// one keystroke away (Ctrl+Shift+N, or `kanal --quick-post`): the accounts
// kept for the person ticked, the text with a live counter per network, an
// image with its alt text, press contacts offered on "@", and the approval
// policy's verdict (kanald's) before anything is sent. Post publishes at
// once when the policy asks no step, and otherwise sends it for approval.
//
// What is typed is saved as a draft as it is typed, so closing the window
// loses nothing. Opened on an officer's draft for the director's account,
// it shows that draft: the director reads it, edits if needed (the edit is
// theirs in the trail) and posts, approving it where the policy lets them.

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/frame.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/wire/reviews.h"
#include "app/connection.h"
#include "app/desktop.h"
#include "core/domain.h"
#include "text/network_count.h"
#include "widgets/mention_suggestions.h"

namespace kanal::gui {

class QuickPostWindow final : public wxFrame {
 public:
  // `post`: an existing draft to read and post (a notification's); none: a new one.
  QuickPostWindow(wxWindow* parent, Connection& connection, Desktop desktop, std::optional<PostId> post = {});

  // What a person does (tests use these too).
  void type_text(const wxString& text);
  void attach_image(const std::filesystem::path& file, const wxString& alt_text);
  MentionSuggestions& mentions() { return *mentions_; }
  void post_now();

  // What is on screen.
  wxString counters() const { return counters_->GetLabel(); }
  wxString verdict() const { return verdict_->GetLabel(); }
  wxString outcome() const { return outcome_->GetLabel(); }
  bool loaded() const { return loaded_; }
  // Posted, or sent for approval: nothing more to do here.
  bool finished() const { return finished_; }
  // The draft's id once saved.
  std::optional<PostId> post_id() const;
  // Until the first counters were drawn after the window was asked for.
  std::optional<std::chrono::duration<double, std::milli>> first_counter_after() const { return first_counter_; }

 private:
  void load(std::optional<PostId> post);
  void show_accounts(const std::vector<AccountId>& ticked);
  std::vector<AccountId> ticked() const;
  void on_text_changed();
  void update_counters();
  // kanald's counts where it sends an account other text than typed.
  void count_in_kanald();
  // The network of the first account ticked: whose handles mentions take.
  std::string first_network() const;
  void save_soon();
  void save_then(std::function<void(const Post&)> next);
  void show_verdict();
  void send(const std::vector<AccountId>& accounts);
  void publish(const std::vector<AccountId>& accounts);
  void finish(const wxString& message);
  std::vector<Attachment> attachments() const;

  Connection& connection_;
  Desktop desktop_;
  std::chrono::steady_clock::time_point opened_at_ = std::chrono::steady_clock::now();
  std::optional<std::chrono::duration<double, std::milli>> first_counter_;
  wxCheckListBox* accounts_;
  wxTextCtrl* text_;
  std::unique_ptr<MentionSuggestions> mentions_;
  wxStaticText* counters_;
  wxButton* add_image_;
  wxStaticText* image_name_;
  wxTextCtrl* alt_text_;
  wxStaticText* verdict_;
  wxStaticText* outcome_;
  wxButton* send_;
  wxTimer save_timer_;
  std::vector<Account> shown_accounts_;
  std::vector<NetworkDescriptor> networks_;
  std::optional<Post> post_;
  std::optional<wire::ReviewView> review_;  // the open submission of a draft shown
  std::optional<MediaId> image_;
  std::map<std::int64_t, text::Count> kanald_counts_;  // by account, of counted_in_kanald_
  std::string counted_in_kanald_;
  std::string saved_text_;  // what the draft holds in kanald
  bool saving_ = false;
  std::function<void(const Post&)> after_save_;  // what waits for the save under way
  bool edited_here_ = false;                     // this window saved the post: Post submits it as this person's
  bool loaded_ = false;
  bool finished_ = false;
};

}  // namespace kanal::gui
