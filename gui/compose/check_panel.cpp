#include "compose/check_panel.h"

#include <wx/settings.h>

#include <cstdio>

#include "app/async.h"

namespace kanal::gui {
namespace {

struct Language {
  const char* code;
  const char* name;
};
constexpr Language kLanguages[] = {{"sv", "Svenska"}, {"da", "Dansk"},   {"nb", "Norsk bokmål"},
                                   {"fi", "Suomi"},   {"de", "Deutsch"}, {"en", "English"}};

text::CountRules rules_for(const Account& account) {
  // A Mastodon-compatible network (the sandbox) counts as Mastodon.
  return text::default_rules(text::network_from_name(account.network).value_or(text::Network::mastodon));
}

std::string one_decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

}  // namespace

struct CheckPanel::Result {
  unsigned generation = 0;
  std::vector<text::Count> counts;  // one per account, in order
  text::CheckResult plain;
  std::string error;
};

CheckPanel::CheckPanel(wxWindow* parent, Connection& connection, JumpTo jump_to)
    : wxPanel(parent, wxID_ANY),
      connection_(connection),
      jump_to_(std::move(jump_to)),
      worker_(std::make_unique<Executor>(1)) {
  SetName("check_panel");
  language_ = new wxChoice(this, wxID_ANY);
  language_->SetName("language");
  for (const auto& language : kLanguages) language_->Append(wxString::FromUTF8(language.name));
  language_->SetSelection(0);
  language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { check(last_text_, last_images_without_alt_); });
  counters_sizer_ = new wxBoxSizer(wxHORIZONTAL);
  summary_ = new wxStaticText(this, wxID_ANY, "");
  summary_->SetName("check_summary");
  hints_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(96)));
  hints_->SetName("hints");
  hints_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { on_hint_selected(); });

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(new wxStaticText(this, wxID_ANY, "Language:"), wxSizerFlags().Centre().Border(wxRIGHT, FromDIP(4)));
  top->Add(language_, wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
  top->Add(counters_sizer_, wxSizerFlags(1).Centre());
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  sizer->Add(summary_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  sizer->Add(hints_, wxSizerFlags().Expand());
  SetSizer(sizer);
}

CheckPanel::~CheckPanel() {
  *latest_ = ~0u;  // queued checks see they are stale and skip their work
  worker_.reset();
}

std::string CheckPanel::language() const {
  const int selection = language_->GetSelection();
  return selection == wxNOT_FOUND ? std::string() : kLanguages[selection].code;
}

void CheckPanel::reload_accounts() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->accounts(),
      [this](std::vector<Account>& accounts) {
        accounts_.clear();
        for (auto& account : accounts) {
          if (account.health != AccountHealth::disconnected) accounts_.push_back(std::move(account));
        }
        counters_sizer_->Clear(true);
        counters_.clear();
        for (const auto& account : accounts_) {
          auto* counter = new wxStaticText(this, wxID_ANY, wxString::FromUTF8(account.handle));
          counter->SetName(wxString::Format("counter_%lld", static_cast<long long>(account.id.value)));
          counters_sizer_->Add(counter, wxSizerFlags().Centre().Border(wxRIGHT, FromDIP(14)));
          counters_.push_back(counter);
        }
        Layout();
        check(last_text_, last_images_without_alt_);
      },
      [](const Error&) {
        // The accounts view shows this error; counters wait for the next load.
      });
}

void CheckPanel::check(const std::string& text, std::size_t images_without_alt) {
  last_text_ = text;
  last_images_without_alt_ = images_without_alt;
  const unsigned generation = ++*latest_;
  std::vector<text::CountRules> rules;
  for (const auto& account : accounts_) rules.push_back(rules_for(account));
  text::CheckOptions options;
  options.language = language();
  options.images_without_alt = images_without_alt;
  worker_->submit([this, generation, latest = latest_, text, rules, options] {
    if (*latest != generation) return 0;  // newer text is queued: skip this one
    Result result;
    result.generation = generation;
    try {
      for (const auto& r : rules) result.counts.push_back(text::count_text(text, r));
      result.plain = text::check_plain_language(text, options);
    } catch (const Error& e) {
      result.error = e.detail();
    }
    CallAfter([this, latest, result = std::move(result)] {
      if (*latest == result.generation) show(result);
    });
    return 0;
  });
}

void CheckPanel::show(const Result& result) {
  shown_generation_ = result.generation;
  if (!result.error.empty()) {
    summary_->SetLabel(wxString::FromUTF8(result.error));
    return;
  }
  for (std::size_t i = 0; i < counters_.size() && i < result.counts.size(); ++i) {
    const auto& count = result.counts[i];
    counters_[i]->SetLabel(wxString::FromUTF8(accounts_[i].handle + "  " + std::to_string(count.count) + "/" +
                                              std::to_string(count.limit)));
    counters_[i]->SetForegroundColour(count.valid ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                                  : wxColour(0xC0, 0x1C, 0x28));
    counters_[i]->SetToolTip(wxString::FromUTF8(std::string(count.unit) + " as " +
                                                std::string(text::to_string(count.network)) + " counts them"));
  }
  std::string summary;
  if (const auto& r = result.plain.readability; r && r->statistics.words > 0) {
    summary = std::string(text::to_string(r->measure)) + " " + one_decimal(r->score) +
              (r->higher_is_easier ? " (target: at least 60)" : " (target: at most 40)");
  }
  if (result.plain.needs_expert_check) {
    summary += (summary.empty() ? "" : " · ") + std::string("Rights or entitlements: needs an expert check");
  }
  summary_->SetLabel(wxString::FromUTF8(summary));
  shown_hints_ = result.plain.hints;
  hints_->Freeze();
  hints_->Clear();
  for (const auto& hint : shown_hints_) {
    const char* mark = hint.severity == text::Severity::blocking  ? "⛔ "
                       : hint.severity == text::Severity::warning ? "⚠ "
                                                                  : "ℹ ";
    hints_->Append(wxString::FromUTF8(mark + hint.message + " — " + hint.suggestion));
  }
  hints_->Thaw();
  Layout();
}

void CheckPanel::on_hint_selected() {
  const int selection = hints_->GetSelection();
  if (selection == wxNOT_FOUND || static_cast<std::size_t>(selection) >= shown_hints_.size()) return;
  const auto& hint = shown_hints_[static_cast<std::size_t>(selection)];
  if (hint.span && jump_to_) jump_to_(hint.span->start, hint.span->end);
}

}  // namespace kanal::gui
