/// Text for the elements whose children the server's HTML writer leaves unescaped: the
/// document title (leptos_meta 0.8) and a `<textarea>` (tachys 0.2 treats it like `<script>`).
/// A name or note holding "</textarea><script>…" would become markup there, so on the server it
/// is escaped here; in the browser it is set as text and needs none. Every title and every
/// textarea's text goes through this (`server/tests/hostile_text.rs` holds them to it).
pub fn server_escaped(text: impl Into<String>) -> String {
    let text = text.into();
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}
