//! Where people reach the site, for the absolute addresses that crawlers and link previews need
//! (canonical links, Open Graph): the configured public address on the server, the page's own
//! origin in the browser (the same address, once deployed).

/// The public address (`https://ocop.example.vn`), provided as context to server rendering.
#[derive(Clone, Debug)]
pub struct SiteOrigin(pub String);

/// `path` as an absolute address on this site; left as it is when no origin is known.
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    let origin = leptos::prelude::use_context::<SiteOrigin>().map(|origin| origin.0);
    #[cfg(not(feature = "ssr"))]
    let origin = leptos::prelude::window().location().origin().ok();
    match origin {
        Some(origin) => format!("{}{path}", origin.trim_end_matches('/')),
        None => path.to_string(),
    }
}
