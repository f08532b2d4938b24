//! Product photos over plain HTTP. An officer who keeps a product's record adds a photo with a
//! multipart form (the same with or without JavaScript) and removes one with a button; anyone
//! reads them, at the width their screen needs. A photo is decoded before it is kept, so only
//! real images are published, turned upright by its EXIF orientation, flattened onto white and
//! saved as JPEG at each width of `domain::photo::kept_widths`.

use std::io::Cursor;

use app::domain::{check_photo, kept_widths, PhotoRefusal, MAX_PHOTO_BYTES, MIN_PHOTO_WIDTH};
use app::ports::{AppState, PhotoAdded, PhotoFile};
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits, RgbImage};

use crate::callers::staff_caller;
use crate::core_slots::CoreSlots;

pub fn routes<S: Clone + Send + Sync + 'static>(state: AppState) -> Router<S> {
    let (adding, removing) = (state.clone(), state.clone());
    Router::new()
        .route(
            "/can-bo/san-pham/{id}/anh",
            post(move |path, headers, form| add(adding.clone(), path, headers, form))
                .layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES as usize + 64 * 1024)),
        )
        .route(
            "/can-bo/san-pham/{id}/anh/{photo}/xoa",
            post(move |path, headers| remove(removing.clone(), path, headers)),
        )
        .route("/anh/{photo}/{file}", get(move |path| serve(state.clone(), path)))
}

fn record_page(product_id: i64) -> String {
    format!("/can-bo/san-pham/{product_id}")
}

async fn add(
    state: AppState,
    Path(product_id): Path<i64>,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let page = record_page(product_id);
    let back = |refusal: PhotoRefusal| Redirect::to(&format!("{page}?anh={}#anh", refusal.code())).into_response();
    let caller = match staff_caller(&state, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(&format!("/dang-nhap?tiep={page}")).into_response(),
        Err(status) => return status.into_response(),
    };
    let Ok(mut form) = form else { return back(PhotoRefusal::NoFile) };
    let mut bytes = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("photo") => match field.bytes().await {
                Ok(read) => bytes = Some(read),
                // The body limit cuts an oversize file short.
                Err(_) => return back(PhotoRefusal::TooLarge),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back(PhotoRefusal::TooLarge),
        }
    }
    let bytes = bytes.unwrap_or_default();
    // Decoding and resizing a phone photo takes a core for a while: off the async threads.
    let prepared = match in_turn(move || prepare(&bytes)).await {
        Ok(Ok(files)) => files,
        Ok(Err(refusal)) => return back(refusal),
        Err(_) => return back(PhotoRefusal::Unreadable),
    };
    match state.records.add_product_photo(&caller, product_id, prepared).await {
        Ok(PhotoAdded::Added(_)) => Redirect::to(&format!("{page}?anh=da-them#anh")).into_response(),
        Ok(PhotoAdded::Refused(refusal)) => back(refusal),
        Ok(PhotoAdded::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "photo upload failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn remove(state: AppState, Path((product_id, photo_id)): Path<(i64, i64)>, headers: HeaderMap) -> Response {
    let page = record_page(product_id);
    let caller = match staff_caller(&state, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(&format!("/dang-nhap?tiep={page}")).into_response(),
        Err(status) => return status.into_response(),
    };
    match state.records.remove_product_photo(&caller, product_id, photo_id).await {
        Ok(true) => Redirect::to(&format!("{page}?anh=da-xoa#anh")).into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "photo removal failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `/anh/12/640.jpg`: photo 12 at 640 pixels wide.
async fn serve(state: AppState, Path((photo_id, file)): Path<(i64, String)>) -> Response {
    let Some(width) = file.strip_suffix(".jpg").and_then(|w| w.parse::<u32>().ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.records.photo_file(photo_id, width).await {
        Ok(Some(jpeg)) => {
            let mut response = jpeg.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            // A photo's bytes never change under its address; a removed one goes within a day.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "photo read failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The photo as JPEG at each width it is kept at, or why it is refused.
pub fn prepare(bytes: &[u8]) -> Result<Vec<PhotoFile>, PhotoRefusal> {
    let image = decode(bytes)?;
    let widths = kept_widths(image.width());
    if widths.is_empty() {
        return Err(PhotoRefusal::TooSmall);
    }
    let mut files = Vec::with_capacity(widths.len());
    // Largest first, each smaller one from the one before: far less work than each from the
    // original, and no visible loss at these ratios.
    let mut source = image;
    for width in widths.into_iter().rev() {
        source = narrowed(source, width);
        files.push(PhotoFile { width, height: source.height(), jpeg: jpeg(&source)? });
    }
    files.reverse();
    Ok(files)
}

/// A small JPEG of an image document (at most `MIN_PHOTO_WIDTH` wide), for the dossier's list.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, PhotoRefusal> {
    let image = decode(bytes)?;
    let width = image.width().min(MIN_PHOTO_WIDTH);
    jpeg(&narrowed(image, width))
}

/// The image at `width`, or as it is when it is no wider.
fn narrowed(image: RgbImage, width: u32) -> RgbImage {
    if width >= image.width() {
        return image;
    }
    let height = ((u64::from(image.height()) * u64::from(width)) / u64::from(image.width())).max(1) as u32;
    image::imageops::resize(&image, width, height, FilterType::Triangle)
}

fn jpeg(image: &RgbImage) -> Result<Vec<u8>, PhotoRefusal> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 82).encode_image(image).map_err(|_| PhotoRefusal::Unreadable)?;
    Ok(bytes)
}

/// The largest photo decoded: 50 megapixels (a 48-megapixel phone's photo fits), so one decode
/// holds at most about 200 MB, and photos are decoded one a core at a time (`DECODING`).
const MAX_PIXELS: u64 = 50_000_000;
const MAX_SIDE: u32 = 10_000;

/// Decoding slots: a burst of uploads queues for its turn instead of holding every thread and
/// its memory at once.
static DECODING: CoreSlots = CoreSlots::new();

/// Decodes and prepares an upload off the async threads, one image a core at a time.
pub async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    DECODING.run(work).await
}

/// The picture, upright and on white, if `bytes` are an image of a sane size.
fn decode(bytes: &[u8]) -> Result<RgbImage, PhotoRefusal> {
    check_photo(&bytes[..bytes.len().min(16)], bytes.len() as u64)?;
    let refusal = |err: ImageError| match err {
        // Pixels beyond the limits: a "decompression bomb" or a panorama too large to publish.
        ImageError::Limits(_) => PhotoRefusal::TooLarge,
        _ => PhotoRefusal::Unreadable,
    };
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoRefusal::Unreadable)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    // Read from the header before a pixel is decoded: a 445 KB PNG may say 12,000 × 12,000.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoRefusal::TooLarge);
    }
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    Ok(on_white(image))
}

/// The picture without transparency: a PNG product shot on a clear background shows on white,
/// not black, once saved as JPEG.
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgba, RgbaImage};

    fn png(width: u32, height: u32, alpha: u8) -> Vec<u8> {
        let picture = RgbaImage::from_pixel(width, height, Rgba([200, 30, 30, alpha]));
        let mut bytes = Vec::new();
        picture.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn a_photo_is_kept_as_jpeg_at_each_width_it_reaches() {
        let files = prepare(&png(1000, 750, 255)).unwrap();
        let sizes: Vec<(u32, u32)> = files.iter().map(|f| (f.width, f.height)).collect();
        assert_eq!(sizes, [(320, 240), (640, 480), (1000, 750)]);
        for file in &files {
            let back = image::load_from_memory_with_format(&file.jpeg, ImageFormat::Jpeg).unwrap();
            assert_eq!((back.width(), back.height()), (file.width, file.height));
        }
    }

    #[test]
    fn transparency_becomes_white_and_bad_files_are_refused_with_a_reason() {
        let clear = prepare(&png(400, 300, 0)).unwrap();
        let pixel = image::load_from_memory(&clear[0].jpeg).unwrap().to_rgb8().get_pixel(10, 10).0;
        assert!(pixel.iter().all(|c| *c > 245), "{pixel:?}");

        let whole = png(400, 300, 255);
        let cases: [(&[u8], PhotoRefusal); 4] = [
            (&png(200, 150, 255), PhotoRefusal::TooSmall),
            (&whole[..whole.len() / 2], PhotoRefusal::Unreadable),
            (b"MZ\x90\x00 this is a program", PhotoRefusal::NotAnImage),
            (b"", PhotoRefusal::NoFile),
        ];
        for (bytes, refusal) in cases {
            assert_eq!(prepare(bytes).err(), Some(refusal), "{refusal:?}");
        }
    }

    /// A PNG of a few kilobytes whose header claims `width` × `height` pixels (its header's
    /// checksum recomputed), as a decompression bomb would.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(400, 300, 255);
        // The IHDR chunk: length (4), "IHDR" (4), width, height, five bytes, then its CRC.
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    /// CRC-32 as PNG chunks carry it (written out here: the test needs nothing more).
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for byte in data {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn a_picture_claiming_too_many_pixels_is_refused_before_it_is_decoded() {
        for (width, height) in [(12_000, 12_000), (8_000, 6_400), (10_001, 400), (400, 10_001)] {
            let bomb = png_claiming(width, height);
            assert!(bomb.len() < 10_000, "a few kilobytes");
            assert_eq!(prepare(&bomb).err(), Some(PhotoRefusal::TooLarge), "{width} × {height}");
        }
        // A 48-megapixel phone's photo is within the bound (only its header is read here).
        let reader = ImageReader::new(Cursor::new(png_claiming(8_000, 6_000))).with_guessed_format().unwrap();
        assert_eq!(reader.into_decoder().unwrap().dimensions(), (8_000, 6_000));
        const { assert!(8_000 * 6_000 <= MAX_PIXELS) };
    }
}
