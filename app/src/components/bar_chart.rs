use leptos::prelude::*;

use crate::model::{format_count, Count};

const ROW_HEIGHT: usize = 26;
const LABEL_WIDTH: usize = 190;
const BAR_SPACE: usize = 330;

/// A horizontal bar chart drawn as SVG on the server: no chart library, no script, and it
/// prints. The table beside it carries the same numbers for screen readers.
#[component]
pub fn BarChart(rows: Vec<Count>, title: String) -> impl IntoView {
    let max = rows.iter().map(|row| row.count).max().unwrap_or(0).max(1);
    let height = rows.len().max(1) * ROW_HEIGHT;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let y = i * ROW_HEIGHT;
            let width = (row.count as f64 / max as f64 * BAR_SPACE as f64).round().max(if row.count > 0 { 2.0 } else { 0.0 });
            let label: String = row.label.chars().take(28).collect();
            view! {
                <g>
                    <text x=LABEL_WIDTH - 8 y=y + 17 text-anchor="end" class="chart-label">{label}</text>
                    <rect x=LABEL_WIDTH y=y + 5 width=width height=ROW_HEIGHT - 10 rx="3" class="chart-bar"></rect>
                    <text x=LABEL_WIDTH as f64 + width + 6.0 y=y + 17 class="chart-value">{format_count(row.count)}</text>
                </g>
            }
        })
        .collect_view();
    let label = title.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 600 {height}") role="img" aria-label=label>
            <title>{title}</title>
            {bars}
        </svg>
    }
}
