#include "schedule/schedule_dialog.h"

#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "schedule/zones.h"
#include "scheduling/time_words.h"

namespace kanal::gui {
namespace {

const char* const kRepeats[] = {"once", "daily", "weekly", "monthly", "payment_day"};

std::string day_text(const wxDateTime& day) { return day.FormatISODate().ToStdString(); }

wxDateTime day_from(const std::string& text) {
  wxDateTime day;
  day.ParseISODate(wxString::FromUTF8(text));
  return day;
}

}  // namespace

ScheduleDialog::ScheduleDialog(wxWindow* parent, std::vector<AccountId> accounts)
    : wxDialog(parent, wxID_ANY, _("Schedule"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "schedule_dialog"),
      accounts_(std::move(accounts)) {
  const auto tomorrow = wxDateTime::Today() + wxDateSpan::Day();
  day_ = new wxDatePickerCtrl(this, wxID_ANY, tomorrow, wxDefaultPosition, wxDefaultSize,
                              wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, "schedule_day");
  time_ =
      new wxTextCtrl(this, wxID_ANY, "09:00", wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "schedule_time");
  zone_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                       "schedule_zone");
  for (const auto& zone : zones()) zone_->Append(wxString::FromUTF8(zone));
  zone_->SetSelection(0);
  repeat_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                         "schedule_repeat");
  repeat_->Append(_("Once"));
  repeat_->Append(_("Every day"));
  repeat_->Append(_("Every week on this weekday"));
  repeat_->Append(_("Every month on day…"));
  repeat_->Append(_("On the payment day: day…, or the working day before"));
  repeat_->SetSelection(0);
  day_of_month_ = new wxSpinCtrl(this, wxID_ANY, "25", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 31, 25,
                                 "schedule_day_of_month");
  country_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          "schedule_country");
  for (const auto& country : countries()) country_->Append(wxGetTranslation(country.name));
  country_->SetSelection(0);
  until_ = new wxDatePickerCtrl(this, wxID_ANY, tomorrow + wxDateSpan::Year(), wxDefaultPosition, wxDefaultSize,
                                wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, "schedule_until");

  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
  grid->AddGrowableCol(1);
  auto add = [&](const wxString& label, wxWindow* control) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CenterVertical());
    grid->Add(control, wxSizerFlags().Expand());
  };
  add(_("Day:"), day_);
  add(_("Time (24-hour):"), time_);
  add(_("On the clock of:"), zone_);
  add(_("Repeat:"), repeat_);
  add(_("Day of the month:"), day_of_month_);
  add(_("Public holidays of:"), country_);
  add(_("Until (last day):"), until_);
  auto* note = new wxStaticText(this, wxID_ANY,
                                _("The post keeps its time on the clock across summer-time changes. It is held, not "
                                  "published, if its approvals are not complete by then."));
  note->Wrap(FromDIP(380));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  sizer->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
  sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
  SetSizerAndFit(sizer);

  repeat_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update(); });
  Bind(
      wxEVT_BUTTON,
      [this](wxCommandEvent& event) {
        wxString why;
        if (!valid(why)) {
          wxMessageBox(why, _("Schedule"), wxOK | wxICON_WARNING, this);
          return;
        }
        event.Skip();
      },
      wxID_OK);
  update();
}

void ScheduleDialog::update() {
  const int repeat = repeat_->GetSelection();
  day_of_month_->Enable(repeat == 3 || repeat == 4);
  country_->Enable(repeat == 4);
  until_->Enable(repeat != 0);
}

bool ScheduleDialog::valid(wxString& why) const {
  if (!scheduling::time_of_day_named(time_->GetValue().ToStdString())) {
    why = _("Write the time as hours and minutes, like 09:00.");
    return false;
  }
  if (repeat_->GetSelection() != 0 && until_->GetValue() < day_->GetValue()) {
    why = _("The last day comes before the first.");
    return false;
  }
  return true;
}

std::variant<wire::ScheduleRequest, wire::SeriesRequest> ScheduleDialog::request() const {
  const auto zone = zone_->GetStringSelection().ToStdString();
  const auto time = time_->GetValue().ToStdString();
  const auto day = day_text(day_->GetValue());
  const int repeat = repeat_->GetSelection();
  if (repeat <= 0) return wire::ScheduleRequest{accounts_, day + "T" + time, zone};
  wire::SeriesRequest series;
  series.accounts = accounts_;
  series.rule = kRepeats[repeat];
  series.day = day_of_month_->GetValue();
  series.time = time;
  series.zone = zone;
  series.from = day;
  series.until = day_text(until_->GetValue());
  if (repeat == 2) {
    const auto weekday = scheduling::local_day(day);
    if (weekday) series.weekday = scheduling::weekday_name(date::weekday{*weekday});
  }
  if (repeat == 4) series.calendar = countries()[static_cast<std::size_t>(country_->GetSelection())].code;
  return series;
}

void ScheduleDialog::fill(const std::string& day, const std::string& time, const std::string& zone,
                          const std::string& repeat, int day_of_month, const std::string& country,
                          const std::string& until) {
  day_->SetValue(day_from(day));
  time_->SetValue(wxString::FromUTF8(time));
  zone_->SetStringSelection(wxString::FromUTF8(zone));
  for (int i = 0; i < 5; ++i) {
    if (repeat == kRepeats[i]) repeat_->SetSelection(i);
  }
  day_of_month_->SetValue(day_of_month);
  for (std::size_t i = 0; i < countries().size(); ++i) {
    if (countries()[i].code == country) country_->SetSelection(static_cast<int>(i));
  }
  if (!until.empty()) until_->SetValue(day_from(until));
  update();
}

}  // namespace kanal::gui
