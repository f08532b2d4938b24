use leptos::prelude::*;

use crate::language::{use_language, Language};
use crate::model::EvidenceItem;

/// The documents attached to a dossier, each a link to its file (served only to those allowed);
/// with `removable_from` (the dossier, while its producer may change it), each with a button
/// that takes it out (a plain form, the same with or without JavaScript).
#[component]
pub fn EvidenceList(items: Vec<EvidenceItem>, #[prop(default = None)] removable_from: Option<i64>) -> impl IntoView {
    let t = use_language();
    if items.is_empty() {
        view! { <p class="muted">{t.tr("Chưa có tài liệu nào.")}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence-list">
                {items.into_iter().map(|item| {
                    let remove_label = t.tr_with("Xoá tài liệu {file}", &[("file", &item.file_name)]);
                    view! {
                    <li>
                        // The file's name beside it says what it is: the picture is a glance.
                        {item.thumbnail.then(|| view! {
                            <img class="evidence-thumbnail" src=format!("/tai-lieu/{}/anh-nho", item.id) width="96" loading="lazy" alt=""/>
                        })}
                        <a href=format!("/tai-lieu/{}", item.id) target="_blank" rel="noopener">{item.file_name}</a>
                        {format!(" · {} · {} · {}", item.kind.label(t), file_size(item.byte_size, t), item.uploaded_at)}
                        {(!item.criteria.is_empty()).then(|| t.tr_with(" · chứng minh tiêu chí {criteria}", &[("criteria", &item.criteria.join(", "))]))}
                        {removable_from.map(|dossier| view! {
                            <form method="post" class="inline-form" action=format!("/ho-so-danh-gia/{dossier}/tai-lieu/{}/xoa", item.id)>
                                <button type="submit" class="secondary" aria-label=remove_label>{t.tr("Xoá")}</button>
                            </form>
                        })}
                    </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// Sizes as people read them: KB below a megabyte, MB with one decimal above (a decimal comma
/// in Vietnamese, a point in English).
fn file_size(bytes: i64, t: Language) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
            .replace('.', &crate::domain::decimal_separator(t).to_string())
    }
}
