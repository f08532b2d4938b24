use leptos::prelude::*;

use crate::domain::Seat;
use crate::language::use_language;
use crate::model::{vietnamese_time, SeatChange};

/// Who was given a seat in a round or had it taken back, by whom and when, oldest first: on the
/// round and on each of its dossiers, so a council's make-up can always be traced.
#[component]
pub fn SeatChanges(changes: Vec<SeatChange>) -> impl IntoView {
    let t = use_language();
    (!changes.is_empty()).then(|| {
        view! {
            <details class="seat-changes">
                <summary>{t.tr_with("Lịch sử xếp ghế ({n})", &[("n", &changes.len())])}</summary>
                <ul>
                    {changes
                        .into_iter()
                        .map(|change| {
                            let what = match change.seat {
                                Some(seat) => t.tr_with(
                                    "xếp {name} làm {seat}",
                                    &[("name", &change.display_name), ("seat", &Seat::label_vi(seat).to_lowercase())],
                                ),
                                None => t.tr_with("bỏ ghế của {name}", &[("name", &change.display_name)]),
                            };
                            view! {
                                <li>
                                    <time datetime=change.at.clone()>{vietnamese_time(&change.at)}</time>
                                    {format!(" · {} {what}", change.by)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}
