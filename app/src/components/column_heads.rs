use leptos::prelude::*;

/// A table's header: one column heading per name (each `Language::tr`'s, so `'static`).
#[component]
pub fn ColumnHeads(#[prop(into)] names: Vec<&'static str>) -> impl IntoView {
    view! {
        <thead>
            <tr>{names.into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}</tr>
        </thead>
    }
}
