use leptos::prelude::*;

/// A table's header: one column heading per name.
#[component]
pub fn ColumnHeads(names: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead>
            <tr>{names.iter().map(|&name| view! { <th scope="col">{name}</th> }).collect_view()}</tr>
        </thead>
    }
}
