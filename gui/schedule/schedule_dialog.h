#pragma once
// "Schedule…": a day and a time on a zone's clock, once or repeated —
// daily, weekly, monthly on day N, or on a payment day (day N, or the
// working day before it by a country's public holidays) until a last day.

#include <wx/dialog.h>

#include <variant>

#include "api/wire/schedule.h"

class wxChoice;
class wxDatePickerCtrl;
class wxSpinCtrl;
class wxTextCtrl;

namespace kanal::gui {

class ScheduleDialog final : public wxDialog {
 public:
  ScheduleDialog(wxWindow* parent, std::vector<AccountId> accounts);

  // What the person asked for (valid after wxID_OK).
  std::variant<wire::ScheduleRequest, wire::SeriesRequest> request() const;
  // For tests, as a person would fill it in: "2027-01-25", "09:00", a zone,
  // repeat "once" | "daily" | "weekly" | "monthly" | "payment_day", the day N, the country, the last day.
  void fill(const std::string& day, const std::string& time, const std::string& zone,
            const std::string& repeat = "once", int day_of_month = 25, const std::string& country = "se",
            const std::string& until = {});

 private:
  void update();
  bool valid(wxString& why) const;

  std::vector<AccountId> accounts_;
  wxDatePickerCtrl* day_;
  wxTextCtrl* time_;
  wxChoice* zone_;
  wxChoice* repeat_;
  wxSpinCtrl* day_of_month_;
  wxChoice* country_;
  wxDatePickerCtrl* until_;
};

}  // namespace kanal::gui
