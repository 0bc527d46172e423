#pragma once
// Time to first answer: per inbox item, from when it was written to the
// first reply the agency published; per account and ISO week (UTC), the
// median of the answered ones and how many still wait.

#include <chrono>
#include <optional>
#include <vector>

#include "store/interaction_repository.h"

namespace kanal::inbox {

struct WeeklyAnswerTimes {
  AccountId account;
  int iso_year = 0;
  int iso_week = 0;
  std::int64_t answered = 0;
  std::int64_t unanswered = 0;
  std::optional<std::chrono::seconds> median;  // of the answered
};

// Ordered by account, then week.
std::vector<WeeklyAnswerTimes> weekly_answer_times(const std::vector<store::InteractionRepository::AnswerTime>& items);

}  // namespace kanal::inbox
