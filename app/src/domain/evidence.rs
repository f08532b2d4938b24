//! Evidence attached to a dossier: the kinds of document the programme asks for, the file
//! types accepted (judged by content, never by name) and the size limits.

use super::coded::coded_enum;
use crate::language::Language;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// The documents a dossier may carry.
    pub enum DocumentKind {
        BusinessRegistration,
        FoodSafetyCertificate,
        QualityDeclaration,
        LabResults,
        TrademarkOrGeographicalIndication,
        ProductStory,
        Photos,
        Other,
    }
}

impl DocumentKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::BusinessRegistration => "Giấy đăng ký kinh doanh",
            Self::FoodSafetyCertificate => "Giấy chứng nhận an toàn thực phẩm",
            Self::QualityDeclaration => "Bản công bố chất lượng sản phẩm",
            Self::LabResults => "Phiếu kết quả kiểm nghiệm",
            Self::TrademarkOrGeographicalIndication => "Nhãn hiệu, chỉ dẫn địa lý",
            Self::ProductStory => "Câu chuyện sản phẩm",
            Self::Photos => "Hình ảnh sản phẩm",
            Self::Other => "Tài liệu khác",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("DocumentKind", self.label_vi())
    }
}

/// The file types accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
    Webp,
}

impl FileType {
    /// The type the first bytes of a file show, whatever its name says.
    pub fn sniff(head: &[u8]) -> Option<FileType> {
        if head.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileType::Png)
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(FileType::Webp)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Webp => "image/webp",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<FileType> {
        [FileType::Pdf, FileType::Jpeg, FileType::Png, FileType::Webp]
            .into_iter()
            .find(|t| t.content_type() == content_type)
    }

    pub fn is_image(self) -> bool {
        !matches!(self, FileType::Pdf)
    }
}

pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_DOSSIER_BYTES: u64 = 200 * 1024 * 1024;
/// What all of one producer's dossiers may hold together: five full dossiers. Without it a
/// producer could open dossier after dossier and fill the server's disk 200 MB at a time.
pub const MAX_PRODUCER_BYTES: u64 = 5 * MAX_DOSSIER_BYTES;

/// Why a file was refused, each with a code that travels in the page address back to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
pub enum EvidenceRefusal {
    #[strum(serialize = "khong-co-tep")]
    NoFile,
    #[strum(serialize = "loai-tai-lieu")]
    UnknownKind,
    #[strum(serialize = "sai-dinh-dang")]
    WrongType,
    #[strum(serialize = "qua-lon")]
    TooLarge,
    #[strum(serialize = "vuot-tong-dung-luong")]
    DossierFull,
    #[strum(serialize = "da-nop")]
    NotEditable,
    /// An image that cannot be decoded: damaged, or cut short on the way.
    #[strum(serialize = "hong")]
    Unreadable,
    /// A criterion the product's score sheet does not have.
    #[strum(serialize = "tieu-chi")]
    UnknownCriterion,
    /// The server has no room left to keep files: not the producer's doing.
    #[strum(serialize = "het-cho-luu")]
    StoreFull,
    /// The producer's dossiers together hold all they may.
    #[strum(serialize = "het-dung-luong")]
    ProducerFull,
    /// The dossier already holds a file with these very bytes.
    #[strum(serialize = "da-co")]
    SameFileTwice,
}

impl EvidenceRefusal {
    pub const ALL: [EvidenceRefusal; 11] = [
        Self::NoFile,
        Self::UnknownKind,
        Self::WrongType,
        Self::TooLarge,
        Self::DossierFull,
        Self::NotEditable,
        Self::Unreadable,
        Self::UnknownCriterion,
        Self::StoreFull,
        Self::ProducerFull,
        Self::SameFileTwice,
    ];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        code.parse().ok()
    }

    pub fn message_vi(self) -> &'static str {
        match self {
            Self::NoFile => "Vui lòng chọn một tệp để tải lên.",
            Self::UnknownKind => "Vui lòng chọn loại tài liệu.",
            Self::WrongType => {
                "Tệp không được nhận: chỉ nhận PDF, JPEG, PNG hoặc WebP. Hệ thống xét nội dung tệp chứ không xét tên tệp."
            }
            Self::TooLarge => "Tệp lớn hơn 20 MB. Hãy giảm kích thước (ví dụ chụp lại ở độ phân giải thấp hơn) rồi tải lên.",
            Self::DossierFull => "Hồ sơ đã dùng hết 200 MB cho tài liệu. Hãy xoá bớt tệp không cần trước khi tải thêm.",
            Self::NotEditable => "Hồ sơ đã nộp nên không thêm tài liệu được nữa.",
            Self::Unreadable => "Không đọc được ảnh: tệp bị hỏng hoặc chưa tải lên trọn vẹn. Hãy thử lại.",
            Self::UnknownCriterion => "Tiêu chí đã chọn không có trong phiếu chấm của sản phẩm này; hãy chọn lại.",
            Self::ProducerFull => {
                "Các hồ sơ của chủ thể đã dùng hết 1 GB dành cho tài liệu. Hãy xoá bớt tệp không cần ở các hồ sơ chưa nộp, hoặc liên hệ cán bộ OCOP cấp xã."
            }
            Self::SameFileTwice => {
                "Hồ sơ đã có đúng tệp này (cùng nội dung với một tài liệu đã tải lên), nên không lưu thêm bản nữa."
            }
            Self::StoreFull => {
                "Máy chủ tạm thời hết chỗ lưu tệp nên tệp này chưa được lưu; hồ sơ và các tài liệu đã tải lên vẫn còn nguyên. Hãy thử lại sau ít phút; nếu vẫn không được, hãy báo cán bộ OCOP cấp xã."
            }
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn message(self, language: Language) -> &'static str {
        language.tr_in("EvidenceRefusal", self.message_vi())
    }
}

/// Checks one file for a dossier already holding `dossier_bytes`, of a producer whose dossiers
/// hold `producer_bytes` in all.
pub fn check_file(
    head: &[u8],
    size: u64,
    dossier_bytes: u64,
    producer_bytes: u64,
) -> Result<FileType, EvidenceRefusal> {
    if size == 0 {
        return Err(EvidenceRefusal::NoFile);
    }
    if size > MAX_FILE_BYTES {
        return Err(EvidenceRefusal::TooLarge);
    }
    let file_type = FileType::sniff(head).ok_or(EvidenceRefusal::WrongType)?;
    if dossier_bytes + size > MAX_DOSSIER_BYTES {
        return Err(EvidenceRefusal::DossierFull);
    }
    if producer_bytes + size > MAX_PRODUCER_BYTES {
        return Err(EvidenceRefusal::ProducerFull);
    }
    Ok(file_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_content() {
        let cases: &[(&[u8], Option<FileType>)] = &[
            (b"%PDF-1.7\n%\xe2\xe3", Some(FileType::Pdf)),
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'], Some(FileType::Jpeg)),
            (&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], Some(FileType::Png)),
            (b"RIFF\x24\x00\x00\x00WEBPVP8 ", Some(FileType::Webp)),
            // A Windows program renamed to .pdf is still a program.
            (b"MZ\x90\x00\x03\x00\x00\x00", None),
            (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
            (b"<html><script>", None),
            (b"%PD", None),
            (b"", None),
        ];
        for (head, expected) in cases {
            assert_eq!(FileType::sniff(head), *expected, "{head:?}");
        }
    }

    #[test]
    fn sizes_are_limited_per_file_per_dossier_and_per_producer() {
        let pdf = b"%PDF-1.4";
        // (file, the dossier's files, all the producer's files, the answer)
        let cases: &[(u64, u64, u64, Result<FileType, EvidenceRefusal>)] = &[
            (1, 0, 0, Ok(FileType::Pdf)),
            (MAX_FILE_BYTES, 0, 0, Ok(FileType::Pdf)),
            (MAX_FILE_BYTES + 1, 0, 0, Err(EvidenceRefusal::TooLarge)),
            (0, 0, 0, Err(EvidenceRefusal::NoFile)),
            (10, MAX_DOSSIER_BYTES - 10, MAX_DOSSIER_BYTES - 10, Ok(FileType::Pdf)),
            (11, MAX_DOSSIER_BYTES - 10, MAX_DOSSIER_BYTES - 10, Err(EvidenceRefusal::DossierFull)),
            (10, 0, MAX_PRODUCER_BYTES - 10, Ok(FileType::Pdf)),
            (11, 0, MAX_PRODUCER_BYTES - 10, Err(EvidenceRefusal::ProducerFull)),
            // The dossier's own bound speaks first: it is the one the producer can act on there.
            (11, MAX_DOSSIER_BYTES - 10, MAX_PRODUCER_BYTES, Err(EvidenceRefusal::DossierFull)),
        ];
        for (size, dossier, producer, expected) in cases {
            assert_eq!(check_file(pdf, *size, *dossier, *producer), *expected, "{size} + {dossier} / {producer}");
        }
        assert_eq!(check_file(b"MZ", 100, 0, 0), Err(EvidenceRefusal::WrongType));
    }

    #[test]
    fn codes_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(kind.code().into()));
        }
        for refusal in EvidenceRefusal::ALL {
            assert_eq!(EvidenceRefusal::from_code(refusal.code()), Some(refusal));
        }
    }
}
