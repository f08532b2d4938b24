use leptos::prelude::*;

use crate::domain::Seat;
use crate::model::{vietnamese_time, SeatChange};

/// Who was given a seat in a round or had it taken back, by whom and when, oldest first: on the
/// round and on each of its dossiers, so a council's make-up can always be traced.
#[component]
pub fn SeatChanges(changes: Vec<SeatChange>) -> impl IntoView {
    (!changes.is_empty()).then(|| {
        view! {
            <details class="seat-changes">
                <summary>{format!("Lịch sử xếp ghế ({})", changes.len())}</summary>
                <ul>
                    {changes
                        .into_iter()
                        .map(|change| {
                            let what = match change.seat {
                                Some(seat) => format!("xếp {} làm {}", change.display_name, Seat::label_vi(seat).to_lowercase()),
                                None => format!("bỏ ghế của {}", change.display_name),
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
