//! The one clock of the process. Every "today" and "now" below the edge (certificate status,
//! deadlines, decisions, timestamps written to the database) is read from a `Clock` handed in
//! at start, so that tests and demonstrations can run the whole platform on another day.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeDelta, Utc};

/// Vietnam's time zone (UTC+7, no daylight saving): the programme's days begin there.
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The system clock, or the system clock moved by a whole number of days so that today in
/// Vietnam is a chosen date (the time of day still runs, so sessions, deadlines and ordering
/// behave as on any day).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    shift: TimeDelta,
}

impl Clock {
    /// The real date and time.
    pub fn system() -> Self {
        Clock::default()
    }

    /// A clock on which today in Vietnam is `day` (for tests and demonstrations only).
    pub fn on(day: NaiveDate) -> Self {
        let real = Utc::now().with_timezone(&vietnam()).date_naive();
        Clock { shift: day.signed_duration_since(real) }
    }

    /// The clock `OCOP_TODAY` (YYYY-MM-DD) asks for, or the system clock when it is unset:
    /// what test harnesses use, so that a whole run can be held on a day years ahead.
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("OCOP_TODAY") {
            Ok(day) if !day.trim().is_empty() => Clock::parse(&day),
            _ => Ok(Clock::system()),
        }
    }

    /// `--today YYYY-MM-DD`, with the sentence for a wrong one.
    pub fn parse(day: &str) -> Result<Self, String> {
        NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
            .map(Clock::on)
            .map_err(|_| format!("The day \"{day}\" is not a date written YYYY-MM-DD (for example 2028-06-01)."))
    }

    /// The same clock, `by` later (tests use it for a wait that has passed).
    pub fn advanced(self, by: TimeDelta) -> Self {
        Clock { shift: self.shift + by }
    }

    /// Now, as an instant.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.shift
    }

    /// Today's date in Vietnam.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&vietnam()).date_naive()
    }

    /// Now in seconds since 1970, as `*_at` integer columns store it.
    pub fn timestamp(&self) -> i64 {
        self.now().timestamp()
    }

    /// Now as RFC 3339 text, as `created_at` text columns store it.
    pub fn now_text(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_set_on_a_day_says_that_day_and_keeps_running() {
        let days = ["2026-12-05", "2027-01-01", "2028-02-29", "2028-06-01", "2031-12-31"];
        for day in days {
            let clock = Clock::parse(day).unwrap();
            assert_eq!(clock.today().to_string(), day);
            let first = clock.now();
            assert!(clock.now() >= first, "{day}: time runs on");
        }
        let real = Clock::system();
        assert_eq!(real.today(), Utc::now().with_timezone(&vietnam()).date_naive());
    }

    #[test]
    fn a_wrong_day_is_a_sentence() {
        for wrong in ["", "2028-13-01", "01/06/2028", "tomorrow", "2027-02-29"] {
            let sentence = Clock::parse(wrong).unwrap_err();
            assert!(sentence.contains("YYYY-MM-DD"), "{wrong}: {sentence}");
        }
    }
}
