//! The one error type server functions return. Every variant can say what went wrong as a
//! sentence in Vietnamese (the default) or English, so screens never show a raw message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::language::{Language, Said};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    /// The person's input was refused; `field` names the input that caused it, `also` the
    /// form's other refused fields, so that all are said at once. `kept` carries what they
    /// typed (never a password) so a form posted without JavaScript can be refilled.
    BadInput {
        field: String,
        message: Said,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        also: Vec<Refusal>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kept: Vec<(String, String)>,
    },
    /// The request needs a signed-in person and there is none (or the session has ended).
    SignInRequired,
    /// The caller is signed in but may not do this.
    Forbidden,
    NotFound,
    /// The database or another dependency does not answer; worth retrying later.
    Unavailable,
    /// Anything else; details stay in the server log, never in the browser.
    Internal,
    /// Transport and encoding failures raised by the server-function machinery.
    Transport(ServerFnErrorErr),
}

/// A refused field of a form beside the first one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub field: String,
    pub message: Said,
}

impl AppError {
    /// `field` refused with `message`.
    pub fn bad_input(field: &str, message: Said) -> Self {
        AppError::BadInput { field: field.into(), message, also: Vec::new(), kept: Vec::new() }
    }

    /// Every refused field of a form, in the form's order (at least one).
    pub fn refused(errors: Vec<crate::domain::FieldError>) -> Self {
        let mut refusals = errors.into_iter();
        let Some(first) = refusals.next() else {
            return AppError::Internal;
        };
        let also = refusals.map(|e| Refusal { field: e.field.into(), message: e.message }).collect();
        AppError::BadInput { field: first.field.into(), message: first.message, also, kept: Vec::new() }
    }

    /// Each refused field and what is said of it to a reader of `language`, the first first.
    pub fn refusals(&self, language: Language) -> Vec<(&str, &str)> {
        match self {
            AppError::BadInput { field, message, also, .. } => {
                std::iter::once((field.as_str(), message.in_language(language)))
                    .chain(also.iter().map(|r| (r.field.as_str(), r.message.in_language(language))))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// What is said of field `name` to a reader of `language`, if it was refused.
    pub fn message_about(&self, name: &str, language: Language) -> Option<String> {
        self.refusals(language).into_iter().find(|(field, _)| *field == name).map(|(_, message)| message.to_string())
    }

    /// An account form value that did not parse.
    pub fn invalid(field: &str, err: &crate::domain::AccountInputError) -> Self {
        AppError::bad_input(field, Said::new(|language| err.message(language)))
    }

    /// Keeps what was typed into these fields, to refill a form posted without JavaScript.
    pub fn keeping(mut self, fields: &[(&str, &str)]) -> Self {
        if let AppError::BadInput { kept, .. } = &mut self {
            kept.extend(fields.iter().map(|(name, value)| (name.to_string(), value.to_string())));
        }
        self
    }

    /// The field the error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::BadInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// What the person had typed into `name` when the error was raised.
    pub fn kept(&self, name: &str) -> Option<&str> {
        match self {
            AppError::BadInput { kept, .. } => kept.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The sentence to show a reader of `language`.
    pub fn message(&self, language: Language) -> String {
        let sentence = match self {
            AppError::BadInput { message, .. } => message.in_language(language),
            AppError::SignInRequired => language.tr("Vui lòng đăng nhập để tiếp tục."),
            AppError::Forbidden => language.tr("Bạn không có quyền thực hiện việc này."),
            AppError::NotFound => language.tr("Không tìm thấy nội dung bạn cần."),
            AppError::Unavailable => language.tr("Hệ thống đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút."),
            AppError::Internal => language.tr("Đã có lỗi ở phía máy chủ. Vui lòng thử lại."),
            AppError::Transport(_) => language.tr("Không gửi được yêu cầu. Vui lòng kiểm tra kết nối mạng và thử lại."),
        };
        sentence.to_string()
    }
}

/// Said in English, for logs (a transport failure with what the machinery said).
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Transport(why) => write!(f, "{}: {why}", self.message(Language::En)),
            _ => f.write_str(&self.message(Language::En)),
        }
    }
}

impl std::error::Error for AppError {}

/// Runs a server function's work and, when it fails, sets the HTTP status the error means.
/// Every server function answers through here, so no error path can forget its status.
#[cfg(feature = "ssr")]
pub async fn answered<T>(work: impl std::future::Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    work.await.map_err(with_status)
}

/// Sets the HTTP status of a failed server-function call to what the error means (400, 401,
/// 403, 404, 503, 500), so scripts and caches see a refusal, not a crash. Returns the error
/// unchanged.
#[cfg(feature = "ssr")]
fn with_status(err: AppError) -> AppError {
    use http::StatusCode;
    let status = match &err {
        AppError::BadInput { .. } => StatusCode::BAD_REQUEST,
        AppError::SignInRequired => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Transport(refused) => match refused {
            // The machinery could not read what the caller sent: the caller's fault, not ours.
            ServerFnErrorErr::Args(why) | ServerFnErrorErr::Deserialization(why) if why.contains("length limit") => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                StatusCode::BAD_REQUEST
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        },
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    // A form posted without JavaScript is answered with a redirect back to the form, which
    // carries the error; a 4xx status would stop the browser from following it.
    let form_post = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>().filter(|_| !form_post) {
        response.set_status(status);
    }
    err
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this runs when a request's arguments cannot be read, before `answered`
        // can: the status is set here, once, the same way.
        #[cfg(feature = "ssr")]
        return with_status(AppError::Transport(value));
        #[cfg(not(feature = "ssr"))]
        AppError::Transport(value)
    }
}
