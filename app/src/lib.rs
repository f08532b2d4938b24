//! The OCOP platform's Leptos application: the pure domain, the shared types that cross the
//! wire, the server functions and the screens. Compiled twice: `ssr` for the server, `hydrate`
//! for the browser (WASM).

pub mod api;
pub mod app;
pub mod browser_draft;
pub mod components;
pub mod domain;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "ssr")]
pub mod session;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
