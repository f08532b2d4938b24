//! Dates and numbers the way Vietnamese readers expect them.

/// `2026-03-05` → `05/03/2026`.
pub fn vietnamese_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => format!("{day}/{month}/{year}"),
        _ => iso.to_string(),
    }
}

/// `2026-12-05 10:04` → `05/12/2026 10:04`: a moment as the pages show it.
pub fn vietnamese_time(iso: &str) -> String {
    match iso.split_once(' ') {
        Some((date, time)) => format!("{} {time}", vietnamese_date(date)),
        None => vietnamese_date(iso),
    }
}

/// 12345 → "12.345": Vietnamese groups thousands with dots.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_vietnamese_way() {
        for (n, text) in [(0, "0"), (999, "999"), (1000, "1.000"), (100000, "100.000"), (1234567, "1.234.567")] {
            assert_eq!(format_count(n), text);
        }
        for (iso, text) in [("2026-03-05", "05/03/2026"), ("garbage", "garbage")] {
            assert_eq!(vietnamese_date(iso), text);
        }
        for (iso, text) in [("2026-12-05 10:04", "05/12/2026 10:04"), ("2026-12-05", "05/12/2026"), ("", "")] {
            assert_eq!(vietnamese_time(iso), text);
        }
    }
}
