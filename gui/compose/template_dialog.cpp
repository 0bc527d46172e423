#include "compose/template_dialog.h"

#include <wx/button.h>
#include <wx/settings.h>

#include "api/client/api_client.h"
#include "api/wire/networks.h"
#include "app/async.h"
#include "compose/languages.h"

namespace kanal::gui {
TemplateDialog::TemplateDialog(wxWindow* parent, Connection& connection, text::Catalog catalog,
                               std::vector<Account> accounts, std::vector<NetworkDescriptor> networks)
    : wxDialog(parent, wxID_ANY, _("New drafts from a template"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "template_dialog"),
      connection_(connection),
      catalog_(std::move(catalog)),
      accounts_(std::move(accounts)),
      networks_(std::move(networks)) {
  template_ = new wxChoice(this, wxID_ANY);
  template_->SetName("template");
  for (const auto& t : catalog_.templates) template_->Append(wxString::FromUTF8(t.name));
  segments_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(260), FromDIP(130)));
  segments_->SetName("segments");
  for (const auto& s : catalog_.segments) segments_->Append(wxString::FromUTF8(s.name));
  languages_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(160), FromDIP(130)));
  languages_->SetName("languages");
  for (const auto& language : kComposeLanguages) languages_->Append(wxString::FromUTF8(language.name));
  tone_ = new wxStaticText(this, wxID_ANY, "");
  tone_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  fields_panel_ = new wxPanel(this);
  fields_sizer_ = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  fields_sizer_->AddGrowableCol(1);
  fields_panel_->SetSizer(fields_sizer_);
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("template_error");
  error_->SetForegroundColour(wxColour(0xC0, 0x1C, 0x28));
  auto* make = new wxButton(this, wxID_ANY, _("&Make variants"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, "make_variants");
  variants_window_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(640), FromDIP(300)));
  variants_window_->SetScrollRate(0, FromDIP(12));
  variants_sizer_ = new wxBoxSizer(wxVERTICAL);
  variants_window_->SetSizer(variants_sizer_);

  auto* choices = new wxBoxSizer(wxHORIZONTAL);
  auto* template_column = new wxBoxSizer(wxVERTICAL);
  template_column->Add(new wxStaticText(this, wxID_ANY, _("Template")));
  template_column->Add(template_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(8)));
  template_column->Add(fields_panel_, wxSizerFlags(1).Expand());
  choices->Add(template_column, wxSizerFlags(1).Expand().Border(wxRIGHT, FromDIP(12)));
  auto* segment_column = new wxBoxSizer(wxVERTICAL);
  segment_column->Add(new wxStaticText(this, wxID_ANY, _("For audience segments")));
  segment_column->Add(segments_, wxSizerFlags(1).Expand());
  choices->Add(segment_column, wxSizerFlags().Expand().Border(wxRIGHT, FromDIP(12)));
  auto* language_column = new wxBoxSizer(wxVERTICAL);
  language_column->Add(new wxStaticText(this, wxID_ANY, _("In languages")));
  language_column->Add(languages_, wxSizerFlags(1).Expand());
  choices->Add(language_column, wxSizerFlags().Expand());

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(choices, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(tone_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  auto* make_row = new wxBoxSizer(wxHORIZONTAL);
  make_row->Add(make, wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
  make_row->Add(error_, wxSizerFlags(1).Centre());
  sizer->Add(make_row, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(variants_window_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(_("&Create drafts"));
  FindWindow(wxID_OK)->Enable(false);
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);

  template_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_fields(); });
  segments_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) {
    const int at = segments_->GetSelection();
    if (at != wxNOT_FOUND) tone_->SetLabel(wxString::FromUTF8("Tone: " + catalog_.segments[at].tone));
  });
  make->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { make_variants(); });
  if (!catalog_.templates.empty()) {
    template_->SetSelection(0);
    show_fields();
  }
}

const text::Template* TemplateDialog::chosen_template() const {
  const int at = template_->GetSelection();
  return at == wxNOT_FOUND ? nullptr : &catalog_.templates[static_cast<std::size_t>(at)];
}

const Account* TemplateDialog::account(std::int64_t id) const {
  for (const auto& a : accounts_) {
    if (a.id.value == id) return &a;
  }
  return nullptr;
}

void TemplateDialog::show_fields() {
  fields_panel_->Freeze();
  fields_sizer_->Clear(true);
  fields_.clear();
  if (const auto* t = chosen_template()) {
    for (const auto& field : t->fields) {
      const std::string label = field.label + (field.required ? "" : " (optional)");
      fields_sizer_->Add(new wxStaticText(fields_panel_, wxID_ANY, wxString::FromUTF8(label)),
                         wxSizerFlags().CentreVertical());
      auto* input = new wxTextCtrl(fields_panel_, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(240, -1)));
      input->SetName(wxString::FromUTF8("field_" + field.name));
      if (field.type == text::FieldType::date) input->SetHint("YYYY-MM-DD");
      if (field.type == text::FieldType::link) input->SetHint("https://");
      fields_sizer_->Add(input, wxSizerFlags().Expand());
      fields_[field.name] = input;
    }
  }
  fields_panel_->Thaw();
  Layout();
}

void TemplateDialog::set_field(const std::string& name, const std::string& value) {
  if (const auto it = fields_.find(name); it != fields_.end()) it->second->ChangeValue(wxString::FromUTF8(value));
}

void TemplateDialog::choose(const std::string& template_id, const std::vector<std::string>& segments,
                            const std::vector<std::string>& languages) {
  for (std::size_t i = 0; i < catalog_.templates.size(); ++i) {
    if (catalog_.templates[i].id == template_id) template_->SetSelection(static_cast<int>(i));
  }
  show_fields();
  for (std::size_t i = 0; i < catalog_.segments.size(); ++i) {
    segments_->Check(static_cast<unsigned>(i),
                     std::find(segments.begin(), segments.end(), catalog_.segments[i].id) != segments.end());
  }
  for (std::size_t i = 0; i < std::size(kComposeLanguages); ++i) {
    languages_->Check(static_cast<unsigned>(i),
                      std::find(languages.begin(), languages.end(), kComposeLanguages[i].code) != languages.end());
  }
}

void TemplateDialog::make_variants() {
  const auto* t = chosen_template();
  auto api = connection_.api();
  if (t == nullptr || !api) return;
  wire::ComposeRequest request;
  request.template_id = t->id;
  for (unsigned i = 0; i < segments_->GetCount(); ++i) {
    if (segments_->IsChecked(i)) request.segments.push_back(catalog_.segments[i].id);
  }
  for (unsigned i = 0; i < languages_->GetCount(); ++i) {
    if (languages_->IsChecked(i)) request.languages.emplace_back(kComposeLanguages[i].code);
  }
  for (const auto& [name, input] : fields_) request.fields[name] = input->GetValue().utf8_string();
  for (const auto& a : accounts_) request.accounts.push_back(a.id);
  error_->SetLabel("");
  then_on_window(
      this, api->compose(request),
      [this, fields = request.fields](wire::ComposeResponse& response) {
        fields_used_ = fields;  // kanald composes the drafts' template text again from them
        show_variants(response.compositions);
      },
      [this](const Error& e) {
        // Name the field that is wrong, in the words of its label.
        error_->SetLabel(wxString::FromUTF8(e.detail()));
        if (const auto it = fields_.find(e.field()); it != fields_.end()) it->second->SetFocus();
        Layout();
      });
}

void TemplateDialog::show_variants(const std::vector<text::Composition>& compositions) {
  compositions_ = compositions;
  variants_window_->Freeze();
  variants_sizer_->Clear(true);
  shown_.clear();
  for (std::size_t c = 0; c < compositions_.size(); ++c) {
    const auto& composition = compositions_[c];
    const auto* segment = catalog_.find_segment(composition.segment);
    auto* heading = new wxStaticText(variants_window_, wxID_ANY,
                                     wxString::FromUTF8(segment ? segment->name : composition.segment) + " — " +
                                         language_name(composition.language));
    heading->SetFont(heading->GetFont().Bold());
    variants_sizer_->Add(heading, wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(6)));
    for (const auto& variant : composition.variants) {
      const Account* target = account(variant.account);
      ShownVariant shown{c, variant.account,
                         target ? text::rules_for_account(*target, wire::find_network(networks_, target->network))
                                : text::count_rules(TextRules{})};
      shown.counter = new wxStaticText(variants_window_, wxID_ANY, "");
      shown.counter->SetName(wxString::Format("variant_counter_%zu_%lld", c, static_cast<long long>(variant.account)));
      shown.text = new wxTextCtrl(variants_window_, wxID_ANY, wxString::FromUTF8(variant.text), wxDefaultPosition,
                                  wxSize(-1, FromDIP(70)), wxTE_MULTILINE);
      shown.text->SetName(wxString::Format("variant_%zu_%lld", c, static_cast<long long>(variant.account)));
      variants_sizer_->Add(shown.counter);
      variants_sizer_->Add(shown.text, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
      shown_.push_back(shown);
    }
  }
  for (std::size_t i = 0; i < shown_.size(); ++i) {
    update_counter(shown_[i]);
    shown_[i].text->Bind(wxEVT_TEXT, [this, i](wxCommandEvent&) { update_counter(shown_[i]); });
  }
  variants_window_->Thaw();
  variants_window_->FitInside();
  FindWindow(wxID_OK)->Enable(!shown_.empty());
  Layout();
}

void TemplateDialog::update_counter(ShownVariant& shown) {
  const Account* target = account(shown.account);
  const std::string handle = target ? target->handle + " (" + target->network + ")" : "account";
  try {
    const auto count = text::count_text(shown.text->GetValue().utf8_string(), shown.rules);
    shown.counter->SetLabel(
        wxString::FromUTF8(handle + "  " + std::to_string(count.count) + "/" + std::to_string(count.limit)));
    shown.counter->SetForegroundColour(count.valid ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                                   : wxColour(0xC0, 0x1C, 0x28));
  } catch (const Error& e) {
    shown.counter->SetLabel(wxString::FromUTF8(handle + "  " + e.detail()));
  }
}

std::vector<wire::CreatePostRequest> TemplateDialog::drafts() const {
  std::vector<wire::CreatePostRequest> out;
  const auto* t = chosen_template();
  for (std::size_t c = 0; c < compositions_.size(); ++c) {
    const auto& composition = compositions_[c];
    wire::CreatePostRequest request;
    request.text = composition.text;
    request.language = composition.language;
    request.origin = PostOrigin{t ? t->id : std::string(), composition.segment, composition.text, fields_used_};
    // An account gets a text of its own only where it differs: the rest
    // follow the draft's text as the officer edits it.
    for (const auto& shown : shown_) {
      const std::string text = shown.text->GetValue().utf8_string();
      if (shown.composition == c && text != composition.text)
        request.variants.push_back({AccountId{shown.account}, text});
    }
    out.push_back(std::move(request));
  }
  return out;
}

}  // namespace kanal::gui
