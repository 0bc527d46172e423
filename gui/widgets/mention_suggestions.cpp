#include "widgets/mention_suggestions.h"

#include <wx/scrolwin.h>

#include "api/wire/press_contacts.h"
#include "app/async.h"

namespace kanal::gui {
namespace {

constexpr std::int64_t kOffered = 8;

// Where the @word before the caret begins (at its @), or -1 when the caret
// is not in one. An @ inside a word (an e-mail address) is not a mention.
long mention_start(const wxString& text, long caret) {
  long at = caret;
  while (at > 0) {
    const auto c = text[static_cast<std::size_t>(at - 1)];
    if (c == '@') break;
    if (!(wxIsalnum(c) || c == '_' || c == '.' || c == '-')) return -1;
    --at;
  }
  if (at == 0) return -1;
  --at;  // the @ itself
  if (at > 0) {
    const auto before = text[static_cast<std::size_t>(at - 1)];
    if (!wxIsspace(before) && before != '(' && before != '"') return -1;
  }
  return at;
}

}  // namespace

MentionSuggestions::MentionSuggestions(wxWindow* parent, wxTextCtrl* text, Connection& connection,
                                       std::function<std::string()> network)
    : text_(text), connection_(connection), network_(std::move(network)) {
  list_ = new wxListBox(parent, wxID_ANY, wxDefaultPosition, parent->FromDIP(wxSize(-1, 80)), 0, nullptr, wxLB_SINGLE,
                        wxDefaultValidator, "mention_suggestions");
  list_->Hide();
  list_->Bind(wxEVT_LISTBOX_DCLICK,
              [this](wxCommandEvent& event) { choose(static_cast<std::size_t>(event.GetSelection())); });
  text_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& event) {
    const auto key = event.GetKeyCode();
    if (list_->IsShown() && !offered_.empty()) {
      if (key == WXK_TAB || key == WXK_RETURN)
        return choose(static_cast<std::size_t>(std::max(0, list_->GetSelection())));
      if (key == WXK_ESCAPE) return hide();
      if (key == WXK_DOWN || key == WXK_UP) {
        const int next = list_->GetSelection() + (key == WXK_DOWN ? 1 : -1);
        if (next >= 0 && next < static_cast<int>(list_->GetCount())) list_->SetSelection(next);
        return;
      }
    }
    event.Skip();
  });
}

void MentionSuggestions::hide() {
  ++asked_;  // an answer still on its way is about an @word gone
  offered_.clear();
  if (!list_->IsShown()) return;
  list_->Hide();
  relayout();
}

std::string MentionSuggestions::handle_of(const contacts::PressContact& contact) const {
  if (const auto* on = contact.handle_on(network_())) return on->handle;
  return contact.handles.empty() ? std::string() : contact.handles.front().handle;
}

void MentionSuggestions::update() {
  const auto value = text_->GetValue();
  const long caret = text_->GetInsertionPoint();
  const long start = mention_start(value, caret);
  auto api = connection_.api();
  if (start < 0 || caret - start < 2 || !api) return hide();  // at least one letter after the @
  const auto typed = value.Mid(static_cast<std::size_t>(start + 1), static_cast<std::size_t>(caret - start - 1));
  const auto asked = ++asked_;
  then_on_window(
      list_, api->press_contacts(wire::PressContactQuery{typed.utf8_string(), {}, kOffered}),
      [this, asked](std::vector<contacts::PressContact>& found) {
        if (asked != asked_) return;  // typed on since
        offered_.clear();
        list_->Clear();
        for (auto& contact : found) {
          const auto handle = handle_of(contact);
          if (handle.empty()) continue;
          list_->Append(wxString::FromUTF8(
              contact.name + (contact.organisation.empty() ? "" : ", " + contact.organisation) + "   " + handle));
          offered_.push_back(std::move(contact));
        }
        if (offered_.empty()) return hide();
        list_->SetSelection(0);
        list_->Show();
        relayout();
      },
      [](const Error&) {});  // no suggestions is no harm
}

void MentionSuggestions::choose(std::size_t index) {
  if (index >= offered_.size()) return;
  const long caret = text_->GetInsertionPoint();
  const long start = mention_start(text_->GetValue(), caret);
  if (start < 0) return hide();
  text_->Replace(start, caret, wxString::FromUTF8(handle_of(offered_[index])) + " ");
  hide();
  text_->SetFocus();
}

// The list takes room when shown: every window up to the one whose size
// does not follow its content (a scrolled pane, the window) lays out again.
void MentionSuggestions::relayout() {
  for (wxWindow* window = list_->GetParent(); window != nullptr; window = window->GetParent()) {
    window->InvalidateBestSize();
    if (auto* scrolled = dynamic_cast<wxScrolledWindow*>(window)) {
      scrolled->Layout();
      scrolled->FitInside();
      return;
    }
    if (window->IsTopLevel()) {
      window->Layout();
      return;
    }
  }
}

std::vector<wxString> MentionSuggestions::shown() const {
  std::vector<wxString> items;
  for (unsigned i = 0; i < list_->GetCount(); ++i) items.push_back(list_->GetString(i));
  return items;
}

}  // namespace kanal::gui
