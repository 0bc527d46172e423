#pragma once
// Poedit's pattern: a continuation of a background Future runs on the UI
// thread (CallAfter), and only if the window that asked is still open.

#include <wx/app.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include <memory>

#include "core/error.h"
#include "core/future.h"

namespace kanal::gui {

template <class T, class OnValue, class OnError>
void then_on_window(wxWindow* window, Future<T> future, OnValue on_value, OnError on_error) {
  // wxWeakRef is not thread-safe: it is created here and deleted in the
  // UI-thread callback; other threads only carry the raw pointer along.
  auto* weak = new wxWeakRef<wxWindow>(window);
  future.then([weak, on_value = std::move(on_value), on_error = std::move(on_error)](Result<T> result) mutable {
    auto* app = wxTheApp;
    if (app == nullptr) return;  // the app is gone; so is its UI thread (the ref leaks, once)
    app->CallAfter([weak, result = std::make_shared<Result<T>>(std::move(result)), on_value = std::move(on_value),
                    on_error = std::move(on_error)]() mutable {
      const bool alive = weak->get() != nullptr;
      delete weak;
      if (!alive) return;  // the window closed while we waited
      Error error(ErrorCode::internal, "");
      try {
        on_value(result->value());
        return;
      } catch (const Error& e) {
        error = e;
      } catch (const std::exception& e) {
        error = Error(ErrorCode::internal, e.what());
      }
      on_error(error);
    });
  });
}

}  // namespace kanal::gui
