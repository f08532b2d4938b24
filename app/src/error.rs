//! The one error type server functions return. Every variant can say what went wrong as a
//! sentence in Vietnamese (the default) or English, so screens never show a raw message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The person's input was refused; `field` names the input that caused it.
    #[error("{message_en}")]
    BadInput { field: String, message_vi: String, message_en: String },
    #[error("Not found.")]
    NotFound,
    /// The database or another dependency does not answer; worth retrying later.
    #[error("The service is temporarily unavailable. Please try again in a moment.")]
    Unavailable,
    /// Anything else; details stay in the server log, never in the browser.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// Transport and encoding failures raised by the server-function machinery.
    #[error("The request could not be completed: {0}")]
    Transport(ServerFnErrorErr),
}

impl AppError {
    pub fn bad_input(field: &str, message_vi: impl Into<String>, message_en: impl Into<String>) -> Self {
        AppError::BadInput { field: field.into(), message_vi: message_vi.into(), message_en: message_en.into() }
    }

    /// The sentence to show a Vietnamese reader.
    pub fn message_vi(&self) -> String {
        match self {
            AppError::BadInput { message_vi, .. } => message_vi.clone(),
            AppError::NotFound => "Không tìm thấy nội dung bạn cần.".into(),
            AppError::Unavailable => "Hệ thống đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.".into(),
            AppError::Internal => "Đã có lỗi ở phía máy chủ. Vui lòng thử lại.".into(),
            AppError::Transport(_) => "Không gửi được yêu cầu. Vui lòng kiểm tra kết nối mạng và thử lại.".into(),
        }
    }
}

/// Sets the HTTP status of a failed server-function call to what the error means (400, 404,
/// 503, 500), so scripts and caches see a refusal, not a crash. Returns the error unchanged.
pub fn with_status(err: AppError) -> AppError {
    #[cfg(feature = "ssr")]
    {
        use http::StatusCode;
        let status = match &err {
            AppError::BadInput { .. } => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
    }
    err
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value)
    }
}
