#include "drafts/drafts_view.h"

#include <algorithm>

#include <wx/clipbrd.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>

#include "api/wire/messages.h"
#include "app/async.h"
#include "app/error_dialog.h"
#include "approvals/step_labels.h"
#include "compose/check_panel.h"
#include "compose/template_dialog.h"
#include "core/json.h"
#include "drafts/draft_editor.h"
#include "drafts/draft_list.h"
#include "drafts/publish_panel.h"
#include "text/thread_split.h"
#include "widgets/thumbnail.h"

namespace kanal::gui {
namespace {

constexpr int kAutosaveDelayMs = 3000;  // after the last keystroke

// "Approval by subject expert, then line manager — policy line 20, “…”", one line per
// account where they differ.
wxString approval_summary(const std::vector<wire::ApprovalTarget>& targets) {
  std::vector<wxString> lines;
  for (const auto& target : targets) {
    const wxString line =
        (target.steps.empty() ? _("No approval needed") : _("Approval by ") + steps_label(target.steps)) +
        wxString::Format(_(" \u2014 policy line %d, \u201C%s\u201D"), target.line, wxString::FromUTF8(target.rule));
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
  }
  wxString text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

}  // namespace

DraftsView::DraftsView(wxWindow* parent, Connection& connection, StatusSink status, ImageChooser choose_image)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "drafts_view"),
      connection_(connection),
      status_(std::move(status)),
      choose_image_(std::move(choose_image)) {
  auto* new_button = new wxButton(this, wxID_NEW, _("&New draft"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, "new_draft");
  auto* refresh_button = new wxButton(this, wxID_REFRESH, _("&Refresh"), wxDefaultPosition, wxDefaultSize, 0,
                                      wxDefaultValidator, "refresh_drafts");
  auto* template_button = new wxButton(this, wxID_ANY, _("From &template…"), wxDefaultPosition, wxDefaultSize, 0,
                                       wxDefaultValidator, "from_template");
  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  splitter->SetMinimumPaneSize(FromDIP(200));
  list_ = new DraftList(splitter);

  auto* editor_pane = new wxPanel(splitter);
  editor_ = new DraftEditor(
      editor_pane, {[this] { update_buttons(); }, [this] { on_edit(); }, [this](std::size_t part) { add_image(part); },
                    [this](wxWindow* part, wxTextCtrl* text) {
                      // The draft's accounts are chosen later: the contact's first handle.
                      return std::make_unique<MentionSuggestions>(part, text, connection_,
                                                                  [] { return std::string(); });
                    }});
  check_ = new CheckPanel(
      editor_pane, connection_,
      {[this](std::size_t start, std::size_t end) { editor_->select_in_post(start, end); },
       [this](const std::vector<CheckPanel::Mark>& marks) { editor_->mark_post(marks); },
       [this](const std::string& language) { editor_->set_language(language); },
       [this](const text::CountRules& rules, bool numbered) {
         try {
           editor_->split_post(text::split_thread(editor_->content().text, rules, {.numbering = numbered}));
         } catch (const Error& e) {
           on_failure(_("The text could not be split."), e);
         }
       }});
  save_button_ = new wxButton(editor_pane, wxID_SAVE, _("&Save"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "save_draft");
  delete_button_ = new wxButton(editor_pane, wxID_DELETE, _("&Delete…"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, "delete_draft");
  auto* editor_buttons = new wxBoxSizer(wxHORIZONTAL);
  editor_buttons->Add(delete_button_);
  editor_buttons->AddStretchSpacer();
  editor_buttons->Add(save_button_);
  publish_ = new PublishPanel(editor_pane, connection_, status_, [this](PostId id) { reread(id); });
  // The editor with its buttons and publishing on the left, the composer's
  // counters, hints and previews beside it.
  auto* writing = new wxBoxSizer(wxVERTICAL);
  writing->Add(editor_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(10)));
  writing->Add(editor_buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  writing->Add(publish_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  check_->SetMinSize(FromDIP(wxSize(340, -1)));
  auto* editor_sizer = new wxBoxSizer(wxHORIZONTAL);
  editor_sizer->Add(writing, wxSizerFlags(1).Expand());
  editor_sizer->Add(check_, wxSizerFlags().Expand().Border(wxTOP | wxRIGHT | wxBOTTOM, FromDIP(10)));
  editor_pane->SetSizer(editor_sizer);
  splitter->SplitVertically(list_, editor_pane, FromDIP(300));

  auto* toolbar = new wxBoxSizer(wxHORIZONTAL);
  toolbar->Add(new_button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  toolbar->Add(template_button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  toolbar->Add(refresh_button);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(toolbar, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(splitter, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  new_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { new_draft(); });
  refresh_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  template_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { from_template(); });
  save_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
  delete_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_current(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { on_selection(); });
  autosave_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
    if (editor_->is_dirty() && !saving_) save(/*automatic=*/true);
  });
  update_buttons();
}

bool DraftsView::has_unsaved_changes() const { return editor_->is_dirty() && !editor_->is_empty_new(); }

void DraftsView::reload() {
  if (!connection_.api()) return;
  status_(_("Loading drafts…"));
  refresh_targets();
  check_->reload_word_lists();
  then_on_window(
      this, connection_.api()->templates(),
      [this](text::Catalog& catalog) {
        catalog_ = std::move(catalog);
        check_text();  // the shown draft's segment may set a reading target
      },
      [](const Error&) {
        // Without the catalog the checks use the plain-language default target.
      });
  const auto keep = editor_->post() ? std::optional(editor_->post()->id) : std::nullopt;
  load_pages(std::nullopt, {}, keep);
}

void DraftsView::load_pages(std::optional<std::string> cursor, std::vector<Post> loaded, std::optional<PostId> keep) {
  auto api = connection_.api();
  wire::PostListQuery query;
  query.limit = wire::kMaxPageSize;
  query.cursor = std::move(cursor);
  then_on_window(
      this, api->list_posts(query),
      [this, loaded = std::move(loaded), keep](wire::PostList& page) mutable {
        loaded.insert(loaded.end(), page.items.begin(), page.items.end());
        if (page.next_cursor) {
          load_pages(page.next_cursor, std::move(loaded), keep);
          return;
        }
        restoring_selection_ = true;
        list_->set_posts(std::move(loaded));
        list_->select(keep);
        restoring_selection_ = false;
        // The draft on screen changed elsewhere and holds no edits here: show the newer version.
        const auto& shown = editor_->post();
        if (keep && shown && shown->id == *keep && !editor_->is_dirty() && !saving_) {
          if (auto index = list_->index_of(*keep)) {
            if (list_->at(*index)->version > shown->version) {
              editor_->show_post(*list_->at(*index));
              fetch_thumbnails();
            }
          } else {
            editor_->start_new();  // deleted elsewhere
          }
        }
        status_(wxString::Format(wxPLURAL("%zu draft", "%zu drafts", list_->size()), list_->size()));
        update_buttons();
      },
      [this](const Error& error) { on_failure(_("Could not load the drafts."), error); });
}

void DraftsView::on_selection() {
  if (restoring_selection_) return;
  const auto selected = list_->at(list_->selected_index());
  if (!selected || (editor_->post() && editor_->post()->id == selected->id)) return;
  const auto previous = editor_->post() ? std::optional(editor_->post()->id) : std::nullopt;
  // Until the guard says so, the selection stays where the editor is.
  restoring_selection_ = true;
  list_->select(previous);
  restoring_selection_ = false;
  guard_unsaved([this, id = selected->id] { open(id); });
}

void DraftsView::open_post(PostId id) {
  if (!connection_.api()) return;
  guard_unsaved([this, id] { open(id); });
}

void DraftsView::open(PostId id) {
  restoring_selection_ = true;
  list_->select(id);
  restoring_selection_ = false;
  editor_->set_busy(true);
  then_on_window(
      this, connection_.api()->get_post(id),
      [this](Post& post) {
        editor_->set_busy(false);
        list_->upsert(post);
        editor_->show_post(post);
        show_approval(post.id);
        fetch_thumbnails();
        update_buttons();
      },
      [this](const Error& error) {
        editor_->set_busy(false);
        on_failure(_("Could not open the draft."), error);
      });
}

void DraftsView::reread(PostId id) {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->get_post(id),
      [this](Post& post) {
        list_->upsert(post);
        const auto& shown = editor_->post();
        if (shown && shown->id == post.id && !editor_->is_dirty() && !saving_) editor_->show_post(post);
        update_buttons();
      },
      [](const Error&) {
        // The list catches up at the next refresh; the status bar shows a lost connection.
      });
}

void DraftsView::add_image(std::size_t part) {
  auto api = connection_.api();
  if (!api) return;
  const auto file = choose_image_(this);
  if (!file) return;
  status_(_("Uploading the image…"));
  const auto generation = editor_->generation();
  then_on_window(
      this, api->upload_media_file(*file),
      [this, part, generation](MediaInfo& media) {
        if (editor_->generation() != generation) return;  // another draft is on screen now
        editor_->add_image(part, Attachment{media.id, {}});
        fetch_thumbnails();
        status_(_("Image added. Describe it for people who cannot see it."));
      },
      [this](const Error& error) { on_failure(_("The image was not added."), error); });
}

void DraftsView::fetch_thumbnails() {
  auto api = connection_.api();
  if (!api) return;
  for (const auto id : editor_->images_without_thumbnail()) {
    then_on_window(
        this,
        // Decoded and scaled on the client's worker, not on the UI thread.
        transform(api->media_content(id), [](Result<std::string>& bytes) { return thumbnail_image(bytes.value()); }),
        [this, id](wxImage& image) { editor_->set_thumbnail(id, thumbnail_bitmap(image)); },
        [this](const Error& error) {
          status_(_("An image could not be shown: ") + wxString::FromUTF8(error.detail()));
        });
  }
}

void DraftsView::refresh_targets() {
  auto api = connection_.api();
  if (!api) return;
  // Read once for both panels: where a post can go, and what to count for.
  then_on_window(
      this, all(api->accounts(), api->networks()),
      [this](std::tuple<std::vector<Account>, std::vector<NetworkDescriptor>>& loaded) {
        auto& [accounts, networks] = loaded;
        std::erase_if(accounts, [](const Account& a) { return a.health == AccountHealth::disconnected; });
        networks_ = networks;
        publish_->set_accounts(accounts, networks);
        check_->set_accounts(accounts, networks);
      },
      [](const Error&) {
        // The Accounts view shows this error; the panels keep the accounts they had.
      });
}

void DraftsView::from_template() {
  auto api = connection_.api();
  if (!api) return;
  status_(_("Loading templates…"));
  then_on_window(
      this, api->templates(),
      [this, api](text::Catalog& catalog) {
        then_on_window(
            this, api->accounts(),
            [this, catalog = std::move(catalog)](std::vector<Account>& accounts) mutable {
              std::erase_if(accounts, [](const Account& a) { return a.health == AccountHealth::disconnected; });
              status_("");
              catalog_ = catalog;
              guard_unsaved([this, catalog = std::move(catalog), accounts = std::move(accounts)]() mutable {
                TemplateDialog dialog(this, connection_, catalog, std::move(accounts), networks_);
                if (dialog.ShowModal() == wxID_OK) create_drafts(dialog.drafts());
              });
            },
            [this](const Error& e) { on_failure(_("Could not read the accounts"), e); });
      },
      [this](const Error& e) { on_failure(_("Could not read the templates"), e); });
}

void DraftsView::create_drafts(std::vector<wire::CreatePostRequest> drafts) {
  auto api = connection_.api();
  if (!api || drafts.empty()) return;
  auto next = drafts.front();
  drafts.erase(drafts.begin());
  then_on_window(
      this, api->create_post(std::move(next)),
      [this, rest = std::move(drafts)](Post& post) mutable {
        if (!rest.empty()) {
          create_drafts(std::move(rest));
          return;
        }
        // Show the last one made; the list learns of them all.
        list_->upsert(post);
        open(post.id);
        load_pages(std::nullopt, {}, post.id);
        status_(_("Drafts created from the template"));
      },
      [this](const Error& e) { on_failure(_("Could not create the drafts"), e); });
}

void DraftsView::show_approval(PostId id) {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->approval(id),
      [this, id](std::vector<wire::ApprovalTarget>& targets) {
        if (!editor_->post() || editor_->post()->id != id) return;  // another draft is on screen by now
        check_->set_approval(approval_summary(targets));
        publish_->set_policy_answer(id, targets);
      },
      [this](const Error&) { check_->set_approval({}); });
}

void DraftsView::on_edit() {
  if (check_ == nullptr) return;  // the editor speaks while the view is still being built
  // Drafts save themselves once typing pauses.
  if (editor_->is_dirty() && !editor_->is_empty_new()) autosave_.StartOnce(kAutosaveDelayMs);
  check_text();
}

void DraftsView::check_text() {
  if (check_ == nullptr) return;
  const DraftContent content = editor_->content();
  std::size_t without_alt = 0;
  const auto count_missing = [&](const std::vector<Attachment>& media) {
    for (const auto& image : media) without_alt += image.description.empty() ? 1 : 0;
  };
  count_missing(content.media);
  for (const auto& part : content.thread) count_missing(part.media);
  std::map<std::int64_t, std::string> variants;
  if (const auto& post = editor_->post()) {
    for (const auto& variant : post->variants) variants[variant.account.value] = variant.text;
  }
  // The segment's reading target when the draft came from a template.
  text::ReadingTarget target;
  if (const auto& post = editor_->post(); post && catalog_) {
    if (const auto* segment = catalog_->find_segment(post->origin.segment_id)) target = segment->reading_target;
  }
  check_->set_context(content.language, target);
  check_->check(content.text, variants, without_alt);
}

void DraftsView::new_draft() {
  guard_unsaved([this] {
    restoring_selection_ = true;
    list_->select(std::nullopt);
    restoring_selection_ = false;
    editor_->start_new();
    editor_->focus_text();
    update_buttons();
  });
}

bool DraftsView::save(bool automatic) {
  if (saving_ || !connection_.api()) return false;
  auto content = editor_->content();
  if (content.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (automatic) return false;
    wxMessageBox(_("A draft needs some text before it can be saved."), _("Kanal"), wxOK | wxICON_INFORMATION, this);
    return false;
  }
  saving_ = true;
  update_buttons();
  status_(automatic ? _("Saving automatically…") : _("Saving…"));
  auto api = connection_.api();
  const auto& current = editor_->post();
  auto future = current ? api->update_post(
                              current->id,
                              wire::UpdatePostRequest{
                                  current->version, content.text, {}, content.media, content.thread, content.language})
                        : api->create_post(wire::CreatePostRequest{
                              content.text, {}, content.media, content.thread, content.language});
  const bool created = !current;
  const auto generation = editor_->generation();
  then_on_window(
      this, std::move(future),
      [this, created, generation](Post& post) {
        saving_ = false;
        if (editor_->generation() != generation) {
          list_->upsert(post);  // the editor moved on meanwhile; only the list learns of it
          update_buttons();
          return;
        }
        on_saved(post, created ? _("Draft created.") : _("Draft saved."));
      },
      [this, generation, automatic](const Error& error) {
        saving_ = false;
        after_save_ = nullptr;
        if (automatic) {
          status_(wxString::Format(_("Not saved automatically (%s). Save by hand to see why."),
                                   wxString::FromUTF8(std::string(to_string(error.code())))));
        } else if (error.code() == ErrorCode::stale_version && editor_->generation() == generation) {
          on_stale();
        } else {
          on_failure(_("The draft was not saved."), error);
        }
        update_buttons();
      });
  return true;
}

void DraftsView::on_saved(const Post& post, const wxString& message) {
  editor_->saved_as(post);
  show_approval(post.id);
  list_->upsert(post);
  restoring_selection_ = true;
  list_->select(post.id);
  restoring_selection_ = false;
  status_(message);
  update_buttons();
  if (after_save_) {
    auto proceed = std::move(after_save_);
    after_save_ = nullptr;
    proceed();
  }
}

void DraftsView::on_stale() {
  status_(_("Not saved: someone else changed this draft."));
  wxMessageDialog dialog(this, _("Someone else changed this draft after you opened it."), _("Kanal"),
                         wxYES_NO | wxICON_WARNING);
  dialog.SetExtendedMessage(
      _("Reload shows their version; your text is copied to the clipboard first, so nothing is lost. "
        "Keep editing leaves your text here, unsaved."));
  dialog.SetYesNoLabels(_("&Reload"), _("&Keep editing"));
  if (dialog.ShowModal() != wxID_YES || !editor_->post()) return;
  // Their version replaces the text only once ours is safe on the clipboard.
  const bool copied = wxTheClipboard->Open() && wxTheClipboard->SetData(new wxTextDataObject(editor_->text()));
  if (wxTheClipboard->IsOpened()) wxTheClipboard->Close();
  if (!copied) {
    wxMessageBox(_("Your text could not be copied to the clipboard, so it was not replaced. Copy it somewhere "
                   "safe, then choose Refresh."),
                 _("Kanal"), wxOK | wxICON_WARNING, this);
    return;
  }
  const auto id = editor_->post()->id;
  editor_->start_new();
  open(id);
  status_(_("Reloaded. Your text is on the clipboard."));
}

void DraftsView::delete_current() {
  if (!editor_->post()) return;
  const auto id = editor_->post()->id;
  wxMessageDialog confirm(this, wxString::Format(_("Delete draft %lld?"), static_cast<long long>(id.value)), _("Kanal"),
                          wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  confirm.SetExtendedMessage(_("It disappears from the list. The record of it is kept for the archive."));
  confirm.SetYesNoLabels(_("&Delete"), _("Cancel"));
  if (confirm.ShowModal() != wxID_YES) return;
  then_on_window(
      this, connection_.api()->delete_post(id),
      [this, id](Done&) {
        list_->remove(id);
        if (editor_->post() && editor_->post()->id == id) editor_->start_new();
        status_(_("Draft deleted."));
        update_buttons();
      },
      [this](const Error& error) { on_failure(_("The draft was not deleted."), error); });
}

void DraftsView::guard_unsaved(std::function<void()> proceed) {
  if (saving_) {
    status_(_("Wait a moment: the draft is being saved."));
    return;
  }
  if (!has_unsaved_changes()) {
    proceed();
    return;
  }
  wxMessageDialog ask(this, _("Save the changes to this draft?"), _("Kanal"),
                      wxYES_NO | wxCANCEL | wxYES_DEFAULT | wxICON_QUESTION);
  ask.SetExtendedMessage(_("If you don't save, your changes are lost."));
  ask.SetYesNoCancelLabels(_("&Save"), _("&Don't save"), _("Cancel"));
  switch (ask.ShowModal()) {
    case wxID_YES:
      after_save_ = std::move(proceed);
      if (!save()) after_save_ = nullptr;
      break;
    case wxID_NO:
      editor_->start_new();
      proceed();
      break;
    default: break;
  }
}

void DraftsView::on_failure(const wxString& summary, const Error& error) {
  status_(summary);
  if (error.code() == ErrorCode::unreachable) connection_.report_unreachable();
  show_error(this, summary, error);
}

void DraftsView::update_buttons() {
  const bool connected = connection_.api() != nullptr;
  save_button_->Enable(connected && !saving_ && editor_->is_dirty());
  publish_->show_post(editor_->post(), editor_->is_dirty() || saving_);
  delete_button_->Enable(connected && !saving_ && editor_->post().has_value());
}

}  // namespace kanal::gui
