//! Where a person was in a list, for when they come back to it. The hydrated app draws a list
//! once its data arrives, after the browser has tried (and failed) to put the person back where
//! they were; so the place is kept here, in the tab's session storage by address, when a link is
//! followed, and given back when the browser's history returns to that address. Without
//! JavaScript the browser does this itself; on the server these do nothing.

#[cfg(feature = "hydrate")]
thread_local! {
    /// Whether the page now drawn was reached through the browser's history (back, forward).
    static RETURNED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(feature = "hydrate")]
fn key() -> Option<String> {
    let location = leptos::prelude::window().location();
    Some(format!("ocop-cho-dang-xem:{}{}", location.pathname().ok()?, location.search().ok()?))
}

/// Installed once, by the app: a link followed keeps the place of the page it leaves (heard
/// before the router moves to the next address), and the history's moves are noted.
pub fn remember_places() {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        use wasm_bindgen::prelude::*;

        let window = leptos::prelude::window();
        let on_click = Closure::<dyn Fn()>::new(|| {
            RETURNED.set(false);
            if let (Some(key), Ok(y)) = (key(), leptos::prelude::window().scroll_y()) {
                // Refused storage only loses the convenience.
                let _ = gloo_storage::SessionStorage::set(key, y);
            }
        });
        let on_history = Closure::<dyn Fn()>::new(|| RETURNED.set(true));
        // Capturing, so heard before the router's own handlers: a click before it changes the
        // address, a move in the history before it draws the page it leads to.
        let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
        let _ = window.add_event_listener_with_callback_and_bool("popstate", on_history.as_ref().unchecked_ref(), true);
        // Listening for the page's whole life.
        on_click.forget();
        on_history.forget();
    }
}

/// Called by a list once drawn: back to where the person was, if the history brought them back.
pub fn restore_place() {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        if RETURNED.replace(false) {
            if let Some(y) = key().and_then(|key| gloo_storage::SessionStorage::get::<f64>(key).ok()) {
                scroll_back(y, 60);
            }
        }
    }
}

/// Scrolls to `y`, again at the next frames (up to `frames` of them) while the page is not yet
/// tall enough: a list drawn is put in the page a moment after it is made.
#[cfg(feature = "hydrate")]
fn scroll_back(y: f64, frames: u32) {
    let window = leptos::prelude::window();
    window.scroll_to_with_x_and_y(0.0, y);
    let there = window.scroll_y().is_ok_and(|now| (now - y).abs() < 2.0);
    if !there && frames > 0 {
        leptos::prelude::request_animation_frame(move || scroll_back(y, frames - 1));
    }
}
