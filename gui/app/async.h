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
  // The weak reference is created, read and destroyed on the UI thread only:
  // the worker merely moves the shared pointer along.
  auto weak = std::make_shared<wxWeakRef<wxWindow>>(window);
  future.then([weak = std::move(weak), on_value = std::move(on_value),
               on_error = std::move(on_error)](Result<T> result) mutable {
    auto* app = wxTheApp;
    if (app == nullptr) return;
    app->CallAfter([weak = std::move(weak), result = std::make_shared<Result<T>>(std::move(result)),
                    on_value = std::move(on_value), on_error = std::move(on_error)]() mutable {
      if (!*weak) return;  // the window closed while we waited
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
