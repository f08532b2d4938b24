use leptos::prelude::*;

/// Links to download a list as CSV and as XLSX: `{stem}.csv{query}` and `{stem}.xlsx{query}`,
/// served by the server's spreadsheet routes.
#[component]
pub fn DownloadLinks(
    /// The address without its extension, such as `/can-bo/ho-so`.
    #[prop(into)]
    stem: String,
    /// The filters of the list, as `?a=b` or empty.
    #[prop(optional, into)]
    query: String,
    /// What is downloaded, such as "Tải danh sách"; each link's accessible name adds its format.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <span class="download">
            {label.clone()} ": "
            // The server names the file (with the day it was made), so `download` stays empty.
            <a href=format!("{stem}.csv{query}") download="" aria-label=format!("{label} (CSV)")>"CSV"</a>
            " · "
            <a href=format!("{stem}.xlsx{query}") download="" aria-label=format!("{label} (XLSX)")>"XLSX"</a>
        </span>
    }
}
