#include "compose/check_panel.h"

#include <wx/settings.h>

#include <cstdio>
#include <limits>
#include <optional>

#include "api/wire/networks.h"
#include "app/async.h"
#include "compose/languages.h"
#include "compose/preview_html.h"

namespace kanal::gui {
struct CheckPanel::Result {
  unsigned generation = 0;
  std::chrono::steady_clock::time_point requested_at;
  std::vector<text::Count> counts;  // one per account, in order
  std::vector<std::string> texts;   // what each account carries
  text::CheckResult plain;
  std::string error;
};

CheckPanel::CheckPanel(wxWindow* parent, Connection& connection, Callbacks callbacks)
    : wxPanel(parent, wxID_ANY),
      connection_(connection),
      callbacks_(std::move(callbacks)),
      worker_(std::make_unique<Executor>(1)) {
  SetName("check_panel");
  language_ = new wxChoice(this, wxID_ANY);
  language_->SetName("language");
  for (const auto& language : kComposeLanguages) language_->Append(wxString::FromUTF8(language.name));
  language_->SetSelection(0);
  language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    if (callbacks_.language_chosen) callbacks_.language_chosen(language());
    check(last_text_, last_variants_, last_images_without_alt_);
  });
  counters_sizer_ = new wxBoxSizer(wxVERTICAL);
  summary_ = new wxStaticText(this, wxID_ANY, "");
  summary_->SetName("check_summary");
  approval_ = new wxStaticText(this, wxID_ANY, "");
  approval_->SetName("approval_summary");
  approval_->SetForegroundColour(wxColour(0x1D, 0x4E, 0x89));
  pages_ = new wxNotebook(this, wxID_ANY);
  pages_->SetName("check_pages");
  auto* hints_page = new wxPanel(pages_);
  hints_ = new wxListBox(hints_page, wxID_ANY);
  hints_->SetName("hints");
  hints_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { on_hint_selected(); });
  preview_ = new wxHtmlWindow(pages_, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO);
  preview_->SetName("preview");
  add_word_ = new wxButton(hints_page, wxID_ANY, _("Add word to the workspace dictionary"), wxDefaultPosition,
                           wxDefaultSize, 0, wxDefaultValidator, "add_to_dictionary");
  add_word_->Enable(false);
  add_word_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_to_dictionary(); });
  auto* hints_sizer = new wxBoxSizer(wxVERTICAL);
  hints_sizer->Add(hints_, wxSizerFlags(1).Expand());
  hints_sizer->Add(add_word_, wxSizerFlags().Border(wxTOP, FromDIP(4)));
  hints_page->SetSizer(hints_sizer);
  pages_->AddPage(hints_page, _("Hints"));
  pages_->AddPage(preview_, _("Preview"));

  split_ = new wxButton(this, wxID_ANY, _("Split into a thread"), wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, "split_thread");
  split_->Enable(false);
  numbered_ = new wxCheckBox(this, wxID_ANY, _("Number the parts (1/3)"));
  numbered_->SetValue(true);
  split_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (strictest_overflow_ && callbacks_.split) callbacks_.split(*strictest_overflow_, numbered_->GetValue());
  });
  auto* split_row = new wxBoxSizer(wxVERTICAL);
  split_row->Add(split_, wxSizerFlags().Border(wxBOTTOM, FromDIP(2)));
  split_row->Add(numbered_);

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(new wxStaticText(this, wxID_ANY, _("Language:")), wxSizerFlags().Centre().Border(wxRIGHT, FromDIP(4)));
  top->Add(language_, wxSizerFlags(1));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(counters_sizer_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(summary_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(approval_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(split_row, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(pages_, wxSizerFlags(1).Expand());
  SetSizer(sizer);
}

CheckPanel::~CheckPanel() {
  *latest_ = ~0u;  // queued checks see they are stale and skip their work
  worker_.reset();
}

std::string CheckPanel::language() const {
  const int selection = language_->GetSelection();
  return selection == wxNOT_FOUND ? std::string() : kComposeLanguages[selection].code;
}

void CheckPanel::set_context(const std::string& language, const text::ReadingTarget& target) {
  target_ = target;
  for (std::size_t i = 0; i < std::size(kComposeLanguages); ++i) {
    if (language == kComposeLanguages[i].code) language_->SetSelection(static_cast<int>(i));
  }
}

void CheckPanel::set_approval(const wxString& summary) {
  approval_->SetLabel(summary);
  approval_->Wrap(GetClientSize().GetWidth());
  Layout();
}

void CheckPanel::reload_word_lists() {
  auto api = connection_.api();
  if (!api) return;
  then_on_window(
      this, api->word_lists(),
      [this](std::shared_ptr<const text::WordLists>& lists) {
        lists_ = lists;
        recheck();
      },
      [](const Error&) {
        // Kanal's own lists stay in force until the workspace's can be read.
      });
}

void CheckPanel::add_to_dictionary() {
  const int selection = hints_->GetSelection();
  auto api = connection_.api();
  if (!api || selection == wxNOT_FOUND || static_cast<std::size_t>(selection) >= shown_hints_.size()) return;
  const auto& hint = shown_hints_[static_cast<std::size_t>(selection)];
  if (hint.kind != "spelling" || !hint.span) return;
  const wxString text = wxString::FromUTF8(last_text_);
  const wxString word = text.Mid(hint.span->start, hint.span->end - hint.span->start);
  add_word_->Enable(false);
  then_on_window(
      this, api->add_to_dictionary(word.utf8_string()),
      [this](std::shared_ptr<const text::WordLists>& lists) {
        lists_ = lists;
        recheck();
      },
      [this](const Error& e) { summary_->SetLabel(wxString::FromUTF8(e.detail())); });
}

void CheckPanel::set_accounts(const std::vector<Account>& accounts, const std::vector<NetworkDescriptor>& networks) {
  accounts_ = accounts;
  networks_.clear();
  for (const auto& account : accounts_) {
    const auto* network = wire::find_network(networks, account.network);
    networks_.push_back(network != nullptr ? *network : NetworkDescriptor{account.network, account.network});
  }
  counters_sizer_->Clear(true);
  counters_.clear();
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    const auto& account = accounts_[i];
    auto* counter =
        new wxStaticText(this, wxID_ANY, wxString::FromUTF8(networks_[i].display_name + " " + account.handle));
    counter->SetName(wxString::Format("counter_%lld", static_cast<long long>(account.id.value)));
    counters_sizer_->Add(counter, wxSizerFlags().Border(wxBOTTOM, FromDIP(2)));
    counters_.push_back(counter);
  }
  Layout();
  recheck();
}

void CheckPanel::check(const std::string& text, const std::map<std::int64_t, std::string>& variants,
                       std::size_t images_without_alt) {
  last_text_ = text;
  last_variants_ = variants;
  last_images_without_alt_ = images_without_alt;
  const unsigned generation = ++*latest_;
  const auto requested_at = std::chrono::steady_clock::now();
  std::vector<std::pair<text::CountRules, std::string>> targets;  // rules, and the text that account carries
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    const auto own = variants.find(accounts_[i].id.value);
    targets.emplace_back(text::rules_for_account(accounts_[i], &networks_[i]),
                         own == variants.end() ? text : own->second);
  }
  text::CheckOptions options;
  options.language = language();
  options.images_without_alt = images_without_alt;
  options.target = target_;
  options.lists = lists_;
  worker_->submit([this, generation, requested_at, latest = latest_, text, targets, options] {
    if (*latest != generation) return 0;  // newer text is queued: skip this one
    Result result;
    result.generation = generation;
    result.requested_at = requested_at;
    try {
      for (const auto& [rules, carried] : targets) {
        result.counts.push_back(text::count_text(carried, rules));
        result.texts.push_back(carried);
      }
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
    const bool own_text = result.texts[i] != last_text_;
    counters_[i]->SetLabel(wxString::FromUTF8(networks_[i].display_name + " " + accounts_[i].handle + "  " +
                                              std::to_string(count.count) + "/" + std::to_string(count.limit) +
                                              (own_text ? "  (its own text)" : "")));
    counters_[i]->SetForegroundColour(count.valid ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                                  : wxColour(0xC0, 0x1C, 0x28));
    counters_[i]->SetToolTip(
        wxString::FromUTF8(std::string(count.unit) + " as " + networks_[i].display_name + " counts them"));
  }
  // The post's own text too long somewhere: offer a thread for the tightest limit.
  strictest_overflow_.reset();
  std::string strictest_network;
  for (std::size_t i = 0; i < result.counts.size() && i < accounts_.size(); ++i) {
    if (result.texts[i] != last_text_ || result.counts[i].valid) continue;
    if (!strictest_overflow_ || result.counts[i].limit < strictest_overflow_->limit) {
      strictest_overflow_ = text::rules_for_account(accounts_[i], &networks_[i]);
      strictest_network = networks_[i].display_name;
    }
  }
  split_->Enable(strictest_overflow_.has_value());
  if (strictest_overflow_) {
    split_->SetLabel(wxString::Format(_("Split into a thread for %s"), wxString::FromUTF8(strictest_network)));
  } else {
    split_->SetLabel(_("Split into a thread"));
  }
  std::string summary;
  if (const auto& r = result.plain.readability; r && r->statistics.words > 0) {
    summary = text::score_text(*r) + " (target: " + text::target_text(*r, target_) + ")";
  }
  if (result.plain.needs_expert_check) {
    summary += (summary.empty() ? "" : " · ") + std::string("Rights or entitlements: needs an expert check");
  }
  summary_->SetLabel(wxString::FromUTF8(summary));
  summary_->Wrap(GetClientSize().GetWidth());
  std::string cards;
  for (std::size_t i = 0; i < accounts_.size() && i < result.counts.size(); ++i) {
    cards += preview_card_html(accounts_[i], networks_[i], result.texts[i], result.counts[i]);
  }
  preview_->SetPage(wxString::FromUTF8("<html><body bgcolor=\"#f3f3f3\">" + cards + "</body></html>"));
  if (callbacks_.marks) {
    std::vector<Mark> marks;
    // Overflow as the strictest account sees the post's own text.
    std::optional<std::size_t> overflow;
    for (std::size_t i = 0; i < result.counts.size(); ++i) {
      if (result.texts[i] != last_text_ || result.counts[i].overflow.empty()) continue;
      const std::size_t start = result.counts[i].overflow.front().start;
      overflow = overflow ? std::min(*overflow, start) : start;
    }
    if (overflow) marks.push_back({Mark::overflow, *overflow, std::numeric_limits<std::size_t>::max()});
    for (const auto& hint : result.plain.hints) {
      if (hint.kind == "spelling" && hint.span) marks.push_back({Mark::spelling, hint.span->start, hint.span->end});
    }
    callbacks_.marks(marks);
  }
  shown_hints_ = result.plain.hints;
  hints_->Freeze();
  hints_->Clear();
  add_word_->Enable(false);
  for (const auto& hint : shown_hints_) {
    const char* mark = hint.severity == text::Severity::blocking  ? "⛔ "
                       : hint.severity == text::Severity::warning ? "⚠ "
                                                                  : "ℹ ";
    hints_->Append(wxString::FromUTF8(mark + hint.message + " — " + hint.suggestion));
  }
  hints_->Thaw();
  Layout();
  last_latency_ = std::chrono::steady_clock::now() - result.requested_at;
}

void CheckPanel::on_hint_selected() {
  const int selection = hints_->GetSelection();
  if (selection == wxNOT_FOUND || static_cast<std::size_t>(selection) >= shown_hints_.size()) return;
  const auto& hint = shown_hints_[static_cast<std::size_t>(selection)];
  add_word_->Enable(hint.kind == "spelling" && hint.span.has_value());
  if (hint.span && callbacks_.jump_to) callbacks_.jump_to(hint.span->start, hint.span->end);
}

}  // namespace kanal::gui
