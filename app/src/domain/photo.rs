//! Product photos in the public catalog: which files are accepted, the widths each photo is
//! kept at so a phone downloads no more than its screen shows, and the addresses they are
//! served at.

use serde::{Deserialize, Serialize};

use super::evidence::FileType;
use crate::language::Language;

/// The widths a photo is kept at, in pixels: a catalog card, the product page on a phone, and
/// the product page on a wide screen or a sharp phone.
pub const PHOTO_WIDTHS: [u32; 3] = [320, 640, 1280];
/// Narrower photos would look blurred even on a catalog card.
pub const MIN_PHOTO_WIDTH: u32 = PHOTO_WIDTHS[0];
/// The most photos one product shows.
pub const MAX_PHOTOS: usize = 8;
/// The largest photo file accepted: what a good phone camera writes.
pub const MAX_PHOTO_BYTES: u64 = 20 * 1024 * 1024;

/// A product photo as pages show it: its id and the widths it is kept at (the last one the
/// largest, whose height is given for its shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProductPhoto {
    pub id: i64,
    pub widths: Vec<u32>,
    pub width: u32,
    pub height: u32,
}

impl ProductPhoto {
    /// The address of the photo at `width`.
    pub fn src(&self, width: u32) -> String {
        format!("/anh/{}/{width}.jpg", self.id)
    }

    /// The smallest kept width, for a catalog card.
    pub fn smallest(&self) -> String {
        self.src(self.widths.first().copied().unwrap_or(MIN_PHOTO_WIDTH))
    }

    /// `srcset` for every kept width, so the browser picks the one its screen needs.
    pub fn srcset(&self) -> String {
        self.widths.iter().map(|w| format!("{} {w}w", self.src(*w))).collect::<Vec<_>>().join(", ")
    }

    /// The height at `width`, for the `height` attribute that keeps the page from jumping.
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return width;
        }
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2) / u64::from(self.width)) as u32
    }
}

/// The widths to keep for a photo `original` pixels wide: each standard width it reaches, and
/// its own width (capped at the largest standard one) when it falls between two, never wider
/// than it is.
pub fn kept_widths(original: u32) -> Vec<u32> {
    let largest = original.min(PHOTO_WIDTHS[PHOTO_WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = PHOTO_WIDTHS.into_iter().filter(|w| *w <= largest).collect();
    if widths.last() != Some(&largest) && largest >= MIN_PHOTO_WIDTH {
        widths.push(largest);
    }
    widths
}

/// Why a photo was not added, in the words the record page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
pub enum PhotoRefusal {
    #[strum(serialize = "khong-co-tep")]
    NoFile,
    #[strum(serialize = "khong-phai-anh")]
    NotAnImage,
    #[strum(serialize = "qua-lon")]
    TooLarge,
    #[strum(serialize = "hong")]
    Unreadable,
    #[strum(serialize = "qua-nho")]
    TooSmall,
    #[strum(serialize = "du-anh")]
    Full,
    /// The server has no room left to keep files.
    #[strum(serialize = "het-cho-luu")]
    StoreFull,
}

impl PhotoRefusal {
    pub const ALL: [PhotoRefusal; 7] =
        [Self::NoFile, Self::NotAnImage, Self::TooLarge, Self::Unreadable, Self::TooSmall, Self::Full, Self::StoreFull];

    /// The code the page's address carries after a refusal.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        code.parse().ok()
    }

    /// What the page says of the refusal, in `language`.
    pub fn message(self, language: Language) -> String {
        match self {
            Self::NoFile => language.tr("Vui lòng chọn một ảnh để tải lên.").into(),
            Self::NotAnImage => language
                .tr("Tệp không được nhận: ảnh sản phẩm phải là JPEG, PNG hoặc WebP (xét nội dung tệp, không xét tên tệp).")
                .into(),
            Self::TooLarge => language.tr("Ảnh lớn hơn 20 MB. Hãy chụp lại ở độ phân giải thấp hơn rồi tải lên.").into(),
            Self::Unreadable => {
                language.tr("Không đọc được ảnh: tệp bị hỏng hoặc chưa tải lên trọn vẹn. Hãy thử lại.").into()
            }
            Self::TooSmall => {
                language.tr_with("Ảnh quá nhỏ: cần rộng ít nhất {width} điểm ảnh.", &[("width", &MIN_PHOTO_WIDTH)])
            }
            Self::Full => language
                .tr_with("Sản phẩm đã có {photos} ảnh. Hãy xoá bớt trước khi thêm ảnh mới.", &[("photos", &MAX_PHOTOS)]),
            Self::StoreFull => language
                .tr("Máy chủ tạm thời hết chỗ lưu tệp nên ảnh chưa được lưu; các ảnh đã có vẫn còn nguyên. Hãy báo quản trị hệ thống.")
                .into(),
        }
    }
}

/// The checks made before a photo is decoded: present, not too large, and an image by its
/// first bytes.
pub fn check_photo(head: &[u8], size: u64) -> Result<FileType, PhotoRefusal> {
    if size == 0 {
        return Err(PhotoRefusal::NoFile);
    }
    if size > MAX_PHOTO_BYTES {
        return Err(PhotoRefusal::TooLarge);
    }
    FileType::sniff(head).filter(|t| t.is_image()).ok_or(PhotoRefusal::NotAnImage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_kept_at_the_standard_widths_it_reaches_and_never_wider() {
        let cases: [(u32, &[u32]); 6] = [
            (4000, &[320, 640, 1280]),
            (1280, &[320, 640, 1280]),
            (1000, &[320, 640, 1000]),
            (640, &[320, 640]),
            (500, &[320, 500]),
            (320, &[320]),
        ];
        for (original, widths) in cases {
            assert_eq!(kept_widths(original), widths, "{original}");
        }
        assert!(kept_widths(200).is_empty());
    }

    #[test]
    fn a_photo_offers_every_width_it_is_kept_at() {
        let photo = ProductPhoto { id: 7, widths: vec![320, 640, 1000], width: 1000, height: 750 };
        assert_eq!(photo.srcset(), "/anh/7/320.jpg 320w, /anh/7/640.jpg 640w, /anh/7/1000.jpg 1000w");
        assert_eq!(photo.smallest(), "/anh/7/320.jpg");
        assert_eq!((photo.height_at(320), photo.height_at(640)), (240, 480));
    }

    #[test]
    fn only_images_of_a_sane_size_are_decoded() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let cases: [(&[u8], u64, Result<FileType, PhotoRefusal>); 5] = [
            (&png, 1000, Ok(FileType::Png)),
            (&[0xFF, 0xD8, 0xFF, 0xE0], 1000, Ok(FileType::Jpeg)),
            (b"%PDF-1.7", 1000, Err(PhotoRefusal::NotAnImage)),
            (b"MZ\x90\x00", 1000, Err(PhotoRefusal::NotAnImage)),
            (&png, MAX_PHOTO_BYTES + 1, Err(PhotoRefusal::TooLarge)),
        ];
        for (head, size, expected) in cases {
            assert_eq!(check_photo(head, size), expected, "{head:?}");
        }
        assert_eq!(check_photo(&[], 0), Err(PhotoRefusal::NoFile));
        for refusal in PhotoRefusal::ALL {
            assert_eq!(PhotoRefusal::from_code(refusal.code()), Some(refusal));
            let (vietnamese, english) = (refusal.message(Language::Vi), refusal.message(Language::En));
            assert!(vietnamese.ends_with('.') && english.ends_with('.') && english != vietnamese, "{refusal:?}");
        }
    }
}
