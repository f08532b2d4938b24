//! The QR code printed on a product's OCOP stamp, as SVG (sharp at any print size, tiny to
//! send). It encodes the public verification address of the stamp.

use std::sync::Arc;

use app::api::normalize_stamp_code;
use app::ports::Catalog;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

#[derive(Clone)]
pub struct StampQr {
    pub catalog: Arc<dyn Catalog>,
    pub public_url: String,
}

/// Only codes we issued get a QR image, so the site never renders a forger's code.
pub async fn qr_svg(stamps: StampQr, Path(code): Path<String>) -> Response {
    let Some(code) = normalize_stamp_code(&code) else {
        return (StatusCode::NOT_FOUND, "Không có mã tem này.").into_response();
    };
    match stamps.catalog.stamp(&code).await {
        Ok(Some(_)) => {}
        Ok(None) => return (StatusCode::NOT_FOUND, "Không có mã tem này.").into_response(),
        Err(err) => {
            tracing::error!(error = %err, "stamp lookup failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang bận, vui lòng thử lại.").into_response();
        }
    }
    match render(&format!("{}/xac-thuc/{code}", stamps.public_url)) {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg)
            .into_response(),
        None => (StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được mã QR.").into_response(),
    }
}

/// Medium error correction survives a scratched or creased stamp.
pub fn render(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some(code.render::<svg::Color<'_>>().min_dimensions(160, 160).quiet_zone(true).build())
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg_for_a_verification_address() {
        let svg = super::render("https://ocop.example.vn/xac-thuc/0123456789ab").expect("QR code");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.contains("<path"), "{}", &svg[..100]);
    }
}
