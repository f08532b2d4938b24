//! How values are stored: domain enums as their serde names, JSON columns, and Unix times
//! shown in Vietnam time. Shared by every context.

use serde::de::DeserializeOwned;
use serde::Serialize;

use app::ports::PortError;

/// Vietnam time (UTC+7) of a Unix time, to the minute.
pub(crate) fn time_of(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds + 7 * 3600, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A domain enum as the text stored for it (its serde name).
pub(crate) fn code<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub(crate) fn from_code<T: DeserializeOwned>(text: String) -> Result<T, PortError> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|_| PortError::Internal(format!("unknown stored code {text:?}")))
}

pub(crate) fn json<T: DeserializeOwned>(text: &str) -> Result<T, PortError> {
    serde_json::from_str(text).map_err(|e| PortError::Internal(format!("stored JSON: {e}")))
}

/// The date in Vietnam (UTC+7) of a Unix time.
pub(crate) fn date_of(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds + 7 * 3600, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
