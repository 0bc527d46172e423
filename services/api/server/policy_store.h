#pragma once
// Where the workspace keeps its approval policy (kanald: policy.txt in its
// folder, daemon/workspace_text_files.h).

#include <memory>
#include <mutex>
#include <string>

#include "workflow/policy.h"

namespace kanal::api {

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;
  virtual std::shared_ptr<const workflow::Policy> policy() const = 0;
  // Throws Error(invalid_input) when `text` is not a valid policy.
  virtual std::shared_ptr<const workflow::Policy> replace(const std::string& text) = 0;
};

// A policy held in memory (tests, and anything without a workspace folder).
class PolicyInMemory final : public PolicyStore {
 public:
  explicit PolicyInMemory(std::string_view text = workflow::Policy::default_text())
      : policy_(std::make_shared<const workflow::Policy>(workflow::Policy::parse(text))) {}
  std::shared_ptr<const workflow::Policy> policy() const override {
    std::lock_guard lock(mutex_);
    return policy_;
  }
  std::shared_ptr<const workflow::Policy> replace(const std::string& text) override {
    auto parsed = std::make_shared<const workflow::Policy>(workflow::Policy::parse(text));
    std::lock_guard lock(mutex_);
    policy_ = parsed;
    return parsed;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const workflow::Policy> policy_;
};

}  // namespace kanal::api
