#include "audit/audit_view.h"

#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>

#include "api/wire/audit.h"
#include "app/async.h"
#include "core/json.h"
#include "core/paths.h"

namespace kanal::gui {
namespace {

// The actions a person filters by, as prefixes of the recorded action names.
constexpr const char* kActions[][2] = {{"", "All actions"},
                                       {"post.", "Posts"},
                                       {"account.", "Accounts"},
                                       {"media.", "Images"},
                                       {"document.", "Shared texts and policy"},
                                       {"dictionary.", "Dictionary"}};

std::string day_of(const wxDateTime& date, bool end) {
  wxDateTime day = date;
  if (end) day += wxDateSpan::Day();
  return day.Format("%Y-%m-%dT00:00:00Z").utf8_string();
}

}  // namespace

AuditView::AuditView(wxWindow* parent, Connection& connection, StatusSink status, SaveChooser choose_save,
                     OpenChooser choose_open)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "audit_view"),
      connection_(connection),
      status_(std::move(status)),
      choose_save_(std::move(choose_save)),
      choose_open_(std::move(choose_open)) {
  person_ = new wxChoice(this, wxID_ANY);
  person_->SetName("audit_person");
  person_->Append(_("Everyone"));
  person_->SetSelection(0);
  action_ = new wxChoice(this, wxID_ANY);
  action_->SetName("audit_action");
  for (const auto& action : kActions) action_->Append(wxString::FromUTF8(action[1]));
  action_->SetSelection(0);
  object_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(110, -1)));
  object_->SetName("audit_object");
  object_->SetHint("post:12");
  from_ = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today() - wxDateSpan::Month());
  from_->SetName("audit_from");
  to_ = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today());
  to_->SetName("audit_to");
  auto* show =
      new wxButton(this, wxID_ANY, _("Show"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "audit_show");
  auto* verify_button = new wxButton(this, wxID_ANY, _("&Verify the chain"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, "audit_verify");
  auto* against_button = new wxButton(this, wxID_ANY, _("Verify against an &anchor…"), wxDefaultPosition, wxDefaultSize,
                                      0, wxDefaultValidator, "audit_verify_anchor");
  against_button->SetToolTip(_("Check that the chain up to an anchor you kept is still the one that was anchored"));
  auto* anchor_button = new wxButton(this, wxID_ANY, _("Save an a&nchor…"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, "audit_anchor");
  anchor_button->SetToolTip(
      _("Sign the chain's head now and save it; keep the file where the database's writers cannot reach it"));
  auto* export_button = new wxButton(this, wxID_ANY, _("&Export…"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, "audit_export");
  chain_ = new wxStaticText(this, wxID_ANY, _("The chain has not been verified in this session."));
  chain_->SetName("audit_chain");

  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  list_ = new wxListCtrl(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->SetName("audit_list");
  list_->AppendColumn(_("#"), wxLIST_FORMAT_RIGHT, FromDIP(50));
  list_->AppendColumn(_("When (UTC)"), wxLIST_FORMAT_LEFT, FromDIP(170));
  list_->AppendColumn(_("Who"), wxLIST_FORMAT_LEFT, FromDIP(80));
  list_->AppendColumn(_("Action"), wxLIST_FORMAT_LEFT, FromDIP(150));
  list_->AppendColumn(_("Object"), wxLIST_FORMAT_LEFT, FromDIP(100));
  detail_ = new wxTextCtrl(splitter, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
  detail_->SetName("audit_detail");
  splitter->SplitVertically(list_, detail_, FromDIP(540));
  splitter->SetMinimumPaneSize(FromDIP(200));

  auto* filters = new wxBoxSizer(wxHORIZONTAL);
  const auto label = [&](const wxString& text) {
    filters->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().Centre().Border(wxRIGHT, FromDIP(4)));
  };
  label(_("Person"));
  filters->Add(person_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  label(_("Action"));
  filters->Add(action_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  label(_("Object"));
  filters->Add(object_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  label(_("From"));
  filters->Add(from_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  label(_("to"));
  filters->Add(to_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  filters->Add(show);
  auto* chain_row = new wxBoxSizer(wxHORIZONTAL);
  chain_row->Add(verify_button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  chain_row->Add(against_button, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  chain_row->AddStretchSpacer();
  chain_row->Add(anchor_button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  chain_row->Add(export_button);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(filters, wxSizerFlags().Border(wxALL, FromDIP(8)));
  sizer->Add(chain_row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  // A verdict on a row of its own: a broken chain's reason is a sentence, read whole.
  sizer->Add(chain_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  sizer->Add(splitter, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  show->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  verify_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { verify(); });
  against_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { verify_against_anchor(); });
  anchor_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_anchor(); });
  export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_period(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { on_selection(); });
}

std::string AuditView::query() const {
  std::string q = "from=" + day_of(from_->GetValue(), false) + "&to=" + day_of(to_->GetValue(), true);
  if (const int person = person_->GetSelection(); person > 0) {
    q += "&actor=" + std::to_string(users_[static_cast<std::size_t>(person - 1)].id.value);
  }
  const int action = action_->GetSelection();
  if (action > 0) q += std::string("&action=") + kActions[action][0];
  const std::string object = object_->GetValue().Trim().Trim(false).utf8_string();
  if (const auto colon = object.find(':'); colon != std::string::npos) {
    q += "&object_type=" + object.substr(0, colon) + "&object_id=" + object.substr(colon + 1);
  } else if (!object.empty()) {
    q += "&object_type=" + object;
  }
  return q;
}

void AuditView::reload() {
  auto api = connection_.api();
  if (!api) return;
  if (users_.empty()) {
    then_on_window(
        this, api->users(),
        [this](std::vector<User>& users) {
          users_ = std::move(users);
          for (const auto& user : users_) {
            person_->Append(wxString::FromUTF8(user.display_name + " (" + std::string(to_string(user.role)) + ")"));
          }
          show(std::move(events_));  // names for the events already shown
        },
        [](const Error&) {
          // Events still show, by user number.
        });
  }
  then_on_window(
      this, api->audit(query() + "&limit=1000"),
      [this](wire::AuditPage& page) {
        show(std::move(page.events));
        wxString note = page.next_after
                            ? _("The first 1,000 events of the period; narrow the filters or export it all.")
                            : wxString::Format(_("%zu audit events"), events_.size());
        if (page.withheld > 0) {
          note += wxString::Format(_(" (%lld more are about accounts closed to you and are not shown)"),
                                   static_cast<long long>(page.withheld));
        }
        status_(note);
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not read the audit trail: " + e.detail())); });
}

void AuditView::show(std::vector<AuditEvent> events) {
  events_ = std::move(events);
  list_->Freeze();
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const auto& e = events_[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::Format("%lld", static_cast<long long>(e.seq)));
    list_->SetItem(row, 1, wxString::FromUTF8(to_iso8601(e.at)));
    list_->SetItem(row, 2, who(e));
    list_->SetItem(row, 3, wxString::FromUTF8(e.action));
    list_->SetItem(row, 4, wxString::FromUTF8(e.object_type + " " + std::to_string(e.object_id)));
  }
  list_->Thaw();
  detail_->Clear();
}

wxString AuditView::who(const AuditEvent& event) const {
  if (!event.actor) return _("kanald");
  for (const auto& user : users_) {
    if (user.id == *event.actor) return wxString::FromUTF8(user.display_name);
  }
  return wxString::Format(_("user %lld"), static_cast<long long>(event.actor->value));
}

void AuditView::on_selection() {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= events_.size()) return;
  const auto& e = events_[static_cast<std::size_t>(row)];
  detail_->SetValue(wxString::FromUTF8(e.action + " on " + e.object_type + " " + std::to_string(e.object_id) + "\nat " +
                                       to_iso8601(e.at) + "\nsealed " + e.hash + "\nafter  " + e.prev_hash + "\n\n" +
                                       json::pretty(e.detail)));
}

void AuditView::show_check(const AuditChainCheck& check) {
  if (check.intact) {
    auto label = wxString::Format(_("Intact: %lld events, each sealed to the one before."),
                                  static_cast<long long>(check.events));
    if (check.anchored_seq > 0) {
      label += " " + wxString::Format(_("Event %lld is the one the anchor names."),
                                      static_cast<long long>(check.anchored_seq));
    }
    chain_->SetLabel(label);
    chain_->SetForegroundColour(wxColour(0x1A, 0x7F, 0x37));
  } else {
    chain_->SetLabel(wxString::Format(_("BROKEN at event %lld: %s"), static_cast<long long>(check.broken_seq),
                                      wxString::FromUTF8(check.reason)));
    chain_->SetForegroundColour(wxColour(0xC0, 0x1C, 0x28));
  }
  chain_->Wrap(GetClientSize().GetWidth() - FromDIP(16));
  Layout();
}

void AuditView::verify() {
  auto api = connection_.api();
  if (!api) return;
  chain_->SetLabel(_("Verifying…"));
  then_on_window(
      this, api->verify_audit(), [this](AuditChainCheck& check) { show_check(check); },
      [this](const Error& e) { chain_->SetLabel(wxString::FromUTF8("Could not verify: " + e.detail())); });
}

void AuditView::verify_against_anchor() {
  auto api = connection_.api();
  if (!api || !choose_open_) return;
  const auto path = choose_open_(this, _("Audit anchors (*.json)|*.json"));
  if (!path) return;
  AuditAnchor anchor;
  try {
    const auto text = read_whole_file(*path);
    if (!text) throw Error(ErrorCode::invalid_input, "it cannot be read");
    anchor = wire::parse_audit_anchor(*text);
  } catch (const Error& e) {
    chain_->SetLabel(wxString::FromUTF8(path->filename().string() + " is no audit anchor: " + e.detail()));
    return;
  }
  chain_->SetLabel(_("Verifying…"));
  then_on_window(
      this, api->verify_audit_against(anchor), [this](AuditChainCheck& check) { show_check(check); },
      [this](const Error& e) { chain_->SetLabel(wxString::FromUTF8("Could not verify: " + e.detail())); });
}

void AuditView::save_anchor() {
  auto api = connection_.api();
  if (!api || !choose_save_) return;
  const auto path =
      choose_save_(this, wxDateTime::Now().Format("audit-anchor-%Y-%m-%d.json"), _("Audit anchors (*.json)|*.json"));
  if (!path) return;
  then_on_window(
      this, api->anchor_audit(),
      [this, path = *path](AuditAnchor& anchor) {
        try {
          write_private_file(path, wire::to_json(anchor) + "\n");
          status_(wxString::Format(_("The chain is anchored at event %lld in %s. Keep it out of the database's reach."),
                                   static_cast<long long>(anchor.seq), wxString::FromUTF8(path.string())));
        } catch (const std::exception& e) {
          status_(wxString::FromUTF8("Could not save the anchor: " + std::string(e.what())));
        }
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not anchor: " + e.detail())); });
}

void AuditView::export_period() {
  auto api = connection_.api();
  if (!api || !choose_save_) return;
  const auto path = choose_save_(
      this, wxString::Format("audit-%s-%s.jsonl", from_->GetValue().FormatISODate(), to_->GetValue().FormatISODate()),
      _("JSON Lines (*.jsonl)|*.jsonl|CSV (*.csv)|*.csv"));
  if (!path) return;
  const std::string format = path->extension() == ".csv" ? "csv" : "jsonl";
  then_on_window(
      this, api->export_audit_to(query() + "&format=" + format, *path),
      [this, path = *path](wire::AuditExport& exported) {
        wxString note = wxString::FromUTF8("Exported to " + path.string());
        if (exported.withheld > 0) {
          note += wxString::Format(_(" — %lld events about accounts closed to you are not in it"),
                                   static_cast<long long>(exported.withheld));
        }
        status_(note);
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not export: " + e.detail())); });
}

}  // namespace kanal::gui
