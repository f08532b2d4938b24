//! What an account's address is mailed, in the holder's language. The Vietnamese is the
//! catalogue's key (`app/locales/en.json` holds the English), so a third language is a file.

use app::language::Language;

use crate::mail::Message;

/// The link that proves the address of an account just opened.
pub(super) fn confirm_address(language: Language, to: &str, display_name: &str, link: &str) -> Message {
    Message {
        to: to.to_string(),
        subject: language.tr("Xác nhận tài khoản OCOP Việt Nam").to_string(),
        body: language.tr_with(
            "Chào {display_name},\n\nĐể xác nhận địa chỉ này và bắt đầu dùng tài khoản, hãy mở liên kết sau trong vòng 24 giờ rồi nhập mật khẩu bạn vừa chọn:\n{link}\n\nNếu bạn không tạo tài khoản, hãy bỏ qua tin này.",
            &[("display_name", &display_name), ("link", &link)],
        ),
    }
}

/// A confirmation link asked for again.
pub(super) fn confirm_address_again(language: Language, to: &str, display_name: &str, link: &str) -> Message {
    Message {
        to: to.to_string(),
        subject: language.tr("Xác nhận tài khoản OCOP Việt Nam").to_string(),
        body: language.tr_with(
            "Chào {display_name},\n\nĐể xác nhận địa chỉ này, hãy mở liên kết sau trong vòng 24 giờ rồi nhập mật khẩu của bạn:\n{link}",
            &[("display_name", &display_name), ("link", &link)],
        ),
    }
}

/// Someone signed up with an address that has an account: its holder is told, with a way back
/// in, and the form says nothing either way.
pub(super) fn address_taken(language: Language, to: &str, link: &str) -> Message {
    Message {
        to: to.to_string(),
        subject: language.tr("Tài khoản OCOP Việt Nam của bạn").to_string(),
        body: language.tr_with(
            "Chào bạn,\n\nAi đó (có thể là bạn) vừa tạo tài khoản với địa chỉ này, nhưng địa chỉ đã có tài khoản. Hãy đăng nhập như thường lệ; nếu quên mật khẩu, đặt mật khẩu mới trong vòng 60 phút tại:\n{link}\n\nNếu không phải bạn, hãy bỏ qua tin này; không có gì thay đổi.",
            &[("link", &link)],
        ),
    }
}

/// A one-time link to set a new password.
pub(super) fn reset_password(language: Language, to: &str, display_name: &str, link: &str) -> Message {
    Message {
        to: to.to_string(),
        subject: language.tr("Đặt lại mật khẩu OCOP Việt Nam").to_string(),
        body: language.tr_with(
            "Chào {display_name},\n\nĐể đặt mật khẩu mới, hãy mở liên kết sau trong vòng 60 phút (chỉ dùng được một lần):\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua tin này; mật khẩu hiện tại vẫn giữ nguyên.",
            &[("display_name", &display_name), ("link", &link)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mail_is_written_in_the_holder_language_with_its_link() {
        let link = "https://ocop.example/xac-nhan/abc";
        // (mail, language, subject, words the body holds)
        let cases: &[(Message, &str, &[&str])] = &[
            (
                confirm_address(Language::Vi, "a@b.vn", "Hoa", link),
                "Xác nhận tài khoản OCOP Việt Nam",
                &["Chào Hoa,", "24 giờ"],
            ),
            (
                confirm_address(Language::En, "a@b.vn", "Hoa", link),
                "Confirm your OCOP Vietnam account",
                &["Hello Hoa,", "24 hours"],
            ),
            (
                confirm_address_again(Language::En, "a@b.vn", "Hoa", link),
                "Confirm your OCOP Vietnam account",
                &["Hello Hoa,"],
            ),
            (
                address_taken(Language::En, "a@b.vn", link),
                "Your OCOP Vietnam account",
                &["already has an account", "60 minutes"],
            ),
            (reset_password(Language::Vi, "a@b.vn", "Hoa", link), "Đặt lại mật khẩu OCOP Việt Nam", &["60 phút"]),
            (
                reset_password(Language::En, "a@b.vn", "{link}", link),
                "Reset your OCOP Vietnam password",
                &["Hello {link},", "60 minutes"],
            ),
        ];
        for (mail, subject, words) in cases {
            assert_eq!(mail.subject, *subject);
            assert!(mail.body.contains(link), "{}", mail.body);
            for word in *words {
                assert!(mail.body.contains(word), "{word:?} in {}", mail.body);
            }
        }
        assert_eq!(Language::stored("en"), Language::En);
        assert_eq!(Language::stored("fr"), Language::Vi);
    }
}
