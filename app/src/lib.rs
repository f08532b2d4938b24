//! The OCOP platform's Leptos application: the pure domain, the shared types that cross the
//! wire, the server functions and the screens. Compiled twice: `ssr` for the server, `hydrate`
//! for the browser (WASM).

// The back office's larger screens nest deeper view types than the default limit allows.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod browser_draft;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod components;
pub mod domain;
pub mod error;
pub mod language;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod scroll_memory;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod session;
pub mod site;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous hydration: a signed-in screen's WASM chunk must arrive before its HTML can
    // be hydrated (see `pages::grouped_screens`).
    // (`hydrate_from_async` starts Leptos's executor on its first poll.)
    wasm_bindgen_futures::spawn_local(async {
        language::catalogue::fetch(language::Language::current()).await;
        leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await.forget();
        // Marks the page interactive only now, so tests (and people debugging) can tell it
        // from server-rendered HTML.
        if let Some(main) = leptos::prelude::document().get_element_by_id("main") {
            _ = main.set_attribute("data-hydrated", "true");
        }
    });
}

/// Room for the WASM splitter (`cargo leptos build --split`) to lay the read-only data out
/// again, one run per module. It gives each module's run its own alignment and a string the
/// linker shared between two modules a copy in each, so the runs can come out a few hundred
/// bytes longer than the linker's one; when they do not fit in the linker's segment, it puts
/// the whole segment (300 KB, every screen's texts) into the first download. These bytes are
/// in that segment but used by no code, so no module carries them: they cost address space,
/// not download. `#[used]` keeps the linker from dropping them.
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_ROOM: [u8; 16 * 1024] = [0x55; 16 * 1024];
