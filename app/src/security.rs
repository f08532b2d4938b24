//! The Content-Security-Policy of every rendered page.
//!
//! Scripts run only from this site, or inline when they carry this response's nonce (the
//! hydration bootstrap and the serialized resource data Leptos writes); `'unsafe-inline'` is
//! never allowed, so an injected `<script>` does not run even if escaping ever failed.

use leptos::nonce::use_nonce;
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    [
        "default-src 'self'".to_string(),
        // WebAssembly compiles under 'wasm-unsafe-eval', not under 'unsafe-eval'.
        format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        "style-src 'self'".into(),
        // Product photos may be kept by the producers' own sites.
        "img-src 'self' data: https:".into(),
        "connect-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
        "frame-ancestors 'none'".into(),
    ]
    .join("; ")
}

/// Puts the policy on the response being rendered (from the shell, before any script).
pub fn set_content_security_policy() {
    use http::header::{HeaderValue, CONTENT_SECURITY_POLICY};
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn scripts_need_the_nonce_and_nothing_is_inline_by_default() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"), "{policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{policy}");
    }
}
