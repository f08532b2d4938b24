//! Accounts: how people name themselves when signing in, what a password must be, the business
//! registration number of a producer, and when repeated failed sign-ins lock an identifier.
//! Values are parsed once at the edge, so an invalid one cannot travel further.

use std::fmt;

use crate::language::Language;

/// What a person signs in with: an e-mail address or a Vietnamese phone number, normalised so
/// that `+84 912 345 678`, `0912.345.678` and `84912345678` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignInName {
    Email(String),
    Phone(String),
}

/// Why a value typed into an account form was refused, as a sentence in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountInputError {
    EmptySignInName,
    MalformedEmail,
    MalformedPhone,
    PasswordTooShort { min: usize },
    PasswordTooLong { max: usize },
    PasswordsDiffer,
    MalformedTaxCode,
    DisplayNameLength { max: usize },
}

impl AccountInputError {
    /// The refusal in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            Self::EmptySignInName => language.tr("Vui lòng nhập email hoặc số điện thoại.").to_string(),
            Self::MalformedEmail => language.tr("Email chưa đúng dạng, ví dụ: ten@vidu.vn.").to_string(),
            Self::MalformedPhone => language
                .tr("Số điện thoại chưa đúng: cần 10 chữ số bắt đầu bằng 0 (hoặc +84), ví dụ 0912 345 678.")
                .to_string(),
            Self::PasswordTooShort { min } => language.tr_with("Mật khẩu cần ít nhất {min} ký tự.", &[("min", min)]),
            Self::PasswordTooLong { max } => language.tr_with("Mật khẩu dài quá {max} ký tự.", &[("max", max)]),
            Self::PasswordsDiffer => language.tr("Hai lần nhập mật khẩu không khớp nhau.").to_string(),
            Self::MalformedTaxCode => language
                .tr("Mã số doanh nghiệp/mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.")
                .to_string(),
            Self::DisplayNameLength { max } => language.tr_with("Họ tên cần có từ 1 đến {max} ký tự.", &[("max", max)]),
        }
    }
}

impl SignInName {
    /// Reads an e-mail address (anything with an `@`) or a phone number.
    pub fn parse(input: &str) -> Result<Self, AccountInputError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(AccountInputError::EmptySignInName);
        }
        if input.contains('@') {
            parse_email(input).map(SignInName::Email)
        } else {
            parse_phone(input).map(SignInName::Phone)
        }
    }

    /// The normalised text stored and compared.
    pub fn as_str(&self) -> &str {
        match self {
            SignInName::Email(v) | SignInName::Phone(v) => v,
        }
    }

    pub fn is_email(&self) -> bool {
        matches!(self, SignInName::Email(_))
    }
}

impl fmt::Display for SignInName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub fn parse_email(input: &str) -> Result<String, AccountInputError> {
    let email = input.to_lowercase();
    let Some((local, domain)) = email.split_once('@') else { return Err(AccountInputError::MalformedEmail) };
    let labels_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || "._%+-'".contains(c));
    if email.len() <= 254 && labels_ok && local_ok {
        Ok(email)
    } else {
        Err(AccountInputError::MalformedEmail)
    }
}

/// Mobile numbers are 10 digits (03, 05, 07, 08, 09); landlines are 11 digits starting 02.
pub fn parse_phone(input: &str) -> Result<String, AccountInputError> {
    if !input.chars().all(|c| c.is_ascii_digit() || " .-()+".contains(c)) || input.matches('+').count() > 1 {
        return Err(AccountInputError::MalformedPhone);
    }
    if input.contains('+') && !input.starts_with("+84") {
        return Err(AccountInputError::MalformedPhone);
    }
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.strip_prefix("84") {
        Some(rest) if rest.len() >= 9 && !rest.starts_with('0') => format!("0{rest}"),
        _ => digits,
    };
    let mobile = national.len() == 10 && matches!(&national[..2], "03" | "05" | "07" | "08" | "09");
    let landline = national.len() == 11 && national.starts_with("02");
    if mobile || landline {
        Ok(national)
    } else {
        Err(AccountInputError::MalformedPhone)
    }
}

/// A password a person chose, checked for length only: long passphrases in any script are
/// better than composition rules. It never implements `Display` or `Serialize`.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(password: &str, repeated: &str) -> Result<Self, AccountInputError> {
        let chars = password.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(AccountInputError::PasswordTooShort { min: Self::MIN_CHARS });
        }
        if chars > Self::MAX_CHARS {
            return Err(AccountInputError::PasswordTooLong { max: Self::MAX_CHARS });
        }
        if password != repeated {
            return Err(AccountInputError::PasswordsDiffer);
        }
        Ok(NewPassword(password.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// A person's name as shown on the account, trimmed and with inner runs of spaces collapsed.
pub fn display_name(input: &str) -> Result<String, AccountInputError> {
    const MAX: usize = 100;
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX {
        return Err(AccountInputError::DisplayNameLength { max: MAX });
    }
    Ok(name)
}

/// A business registration number (mã số doanh nghiệp, which is also the tax code): 10 digits,
/// or 10 digits, a dash and 3 digits for a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxCode(String);

impl TaxCode {
    pub fn parse(input: &str) -> Result<Self, AccountInputError> {
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let (main, branch) = match code.split_once('-') {
            Some((main, branch)) => (main, Some(branch)),
            None => (code.as_str(), None),
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if digits(main, 10) && branch.is_none_or(|b| digits(b, 3)) {
            Ok(TaxCode(code))
        } else {
            Err(AccountInputError::MalformedTaxCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Failed sign-ins for one name typed (known or not, so a wait says nothing about which
/// accounts exist) or for one source address. A few failures are free; after them each attempt
/// waits, twice as long after each further failure, up to a quarter of an hour, and the count is
/// forgotten after a quarter of an hour without failures. Nobody is locked out: the wait is
/// short at first, and a person signing in from a device they signed in from before does not
/// wait for failures made elsewhere on their name (the accounts adapter). Times are Unix
/// seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignInThrottle {
    pub failures: u32,
    pub last_failure_at: i64,
    /// Until when an attempt is refused without its password being checked.
    pub waiting_until: Option<i64>,
}

/// Failures free of any wait, for one name and for one source address (an office behind one
/// address holds many people).
pub const FREE_FAILURES_BY_NAME: u32 = 5;
pub const FREE_FAILURES_BY_SOURCE: u32 = 30;

impl SignInThrottle {
    /// Quiet time after which failures are forgotten.
    pub const FORGET_AFTER_SECONDS: i64 = 15 * 60;
    /// The first wait, and the longest.
    pub const FIRST_WAIT_SECONDS: i64 = 30;
    pub const LONGEST_WAIT_SECONDS: i64 = 15 * 60;

    /// Until when attempts wait, if they do.
    pub fn waiting_at(&self, now: i64) -> Option<i64> {
        self.waiting_until.filter(|until| *until > now)
    }

    /// The record after one more failure at `now`, `free` failures being free of any wait.
    pub fn after_failure(self, now: i64, free: u32) -> Self {
        let forgotten = now - self.last_failure_at >= Self::FORGET_AFTER_SECONDS;
        let failures = if forgotten { 1 } else { self.failures + 1 };
        let waiting_until = failures.checked_sub(free).map(|beyond| {
            let doubled = Self::FIRST_WAIT_SECONDS.saturating_mul(1_i64 << beyond.min(30));
            now + doubled.min(Self::LONGEST_WAIT_SECONDS)
        });
        SignInThrottle { failures, last_failure_at: now, waiting_until }
    }
}

/// How long a session lasts without use, and how long a password reset link stays valid.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 24 * 3600;
pub const RESET_LINK_SECONDS: i64 = 3600;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_names() {
        use SignInName::{Email, Phone};
        let cases: &[(&str, Result<SignInName, AccountInputError>)] = &[
            ("  Lan.Nguyen@Example.VN ", Ok(Email("lan.nguyen@example.vn".into()))),
            ("htx+ocop@sở-nn.gov.vn", Ok(Email("htx+ocop@sở-nn.gov.vn".into()))),
            ("0912345678", Ok(Phone("0912345678".into()))),
            ("0912 345 678", Ok(Phone("0912345678".into()))),
            ("0912.345.678", Ok(Phone("0912345678".into()))),
            ("+84 912 345 678", Ok(Phone("0912345678".into()))),
            ("84912345678", Ok(Phone("0912345678".into()))),
            ("(0236) 3822 123", Ok(Phone("02363822123".into()))),
            ("0312345678", Ok(Phone("0312345678".into()))),
            ("", Err(AccountInputError::EmptySignInName)),
            ("   ", Err(AccountInputError::EmptySignInName)),
            ("lan@", Err(AccountInputError::MalformedEmail)),
            ("@example.vn", Err(AccountInputError::MalformedEmail)),
            ("lan@example", Err(AccountInputError::MalformedEmail)),
            ("lan@@example.vn", Err(AccountInputError::MalformedEmail)),
            ("lan nguyen@example.vn", Err(AccountInputError::MalformedEmail)),
            ("lan..n@example.vn", Err(AccountInputError::MalformedEmail)),
            ("lan@-example.vn", Err(AccountInputError::MalformedEmail)),
            ("091234567", Err(AccountInputError::MalformedPhone)),
            ("09123456789", Err(AccountInputError::MalformedPhone)),
            ("0112345678", Err(AccountInputError::MalformedPhone)),
            ("+1 912 345 678", Err(AccountInputError::MalformedPhone)),
            ("0912abc678", Err(AccountInputError::MalformedPhone)),
            ("Nguyễn Văn Lan", Err(AccountInputError::MalformedPhone)),
            ("0912345678; DROP TABLE accounts", Err(AccountInputError::MalformedPhone)),
        ];
        for (input, expected) in cases {
            assert_eq!(&SignInName::parse(input), expected, "{input:?}");
        }
    }

    #[test]
    fn passwords() {
        let cases: &[(&str, &str, Option<AccountInputError>)] = &[
            ("mật khẩu dài", "mật khẩu dài", None),
            ("12345678", "12345678", None),
            ("1234567", "1234567", Some(AccountInputError::PasswordTooShort { min: 8 })),
            // Eight characters, more than eight bytes: counted in characters.
            ("mậtkhẩuư", "mậtkhẩuư", None),
            ("correct horse", "correct h0rse", Some(AccountInputError::PasswordsDiffer)),
            (&"x".repeat(129), &"x".repeat(129), Some(AccountInputError::PasswordTooLong { max: 128 })),
        ];
        for (password, repeated, expected) in cases {
            assert_eq!(NewPassword::parse(password, repeated).err(), *expected, "{password:?}");
        }
        assert_eq!(format!("{:?}", NewPassword::parse("secret-words", "secret-words").unwrap()), "NewPassword(…)");
    }

    #[test]
    fn each_refusal_is_said_in_english_too() {
        use AccountInputError::*;
        let refusals = [
            EmptySignInName,
            MalformedEmail,
            MalformedPhone,
            PasswordTooShort { min: 8 },
            PasswordTooLong { max: 128 },
            PasswordsDiffer,
            MalformedTaxCode,
            DisplayNameLength { max: 100 },
        ];
        for err in refusals {
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && english != vietnamese, "{err:?}: {english}");
        }
        assert_eq!(PasswordTooShort { min: 8 }.message(Language::Vi), "Mật khẩu cần ít nhất 8 ký tự.");
        assert_eq!(PasswordTooShort { min: 8 }.message(Language::En), "The password needs at least 8 characters.");
    }

    #[test]
    fn tax_codes() {
        let cases: &[(&str, bool)] = &[
            ("0101234567", true),
            ("0101234567-001", true),
            (" 0101 234 567 ", true),
            ("010123456", false),
            ("01012345678", false),
            ("0101234567-01", false),
            ("0101234567-0011", false),
            ("0101234567-", false),
            ("01012345a7", false),
            ("", false),
        ];
        for (input, ok) in cases {
            assert_eq!(TaxCode::parse(input).is_ok(), *ok, "{input:?}");
        }
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("  Nguyễn   Thị  Lan ").unwrap(), "Nguyễn Thị Lan");
        assert!(display_name("   ").is_err());
        assert!(display_name(&"a".repeat(101)).is_err());
    }

    #[test]
    fn failures_beyond_the_free_ones_wait_longer_each_time_up_to_a_quarter_hour() {
        // (failure, seconds the next attempt waits), failures a second apart.
        let cases: &[(u32, Option<i64>)] = &[
            (1, None),
            (4, None),
            (5, Some(30)),
            (6, Some(60)),
            (7, Some(120)),
            (9, Some(480)),
            (10, Some(900)),
            (40, Some(900)),
        ];
        let start = 1_000_000;
        let mut throttle = SignInThrottle::default();
        let mut made = 0;
        for &(failure, wait) in cases {
            while made < failure {
                made += 1;
                throttle = throttle.after_failure(start + i64::from(made), FREE_FAILURES_BY_NAME);
            }
            let now = start + i64::from(made);
            assert_eq!(throttle.waiting_at(now).map(|until| until - now), wait, "after failure {failure}");
        }
        // The wait ends by itself; the count is forgotten only after a quiet quarter hour.
        let now = start + i64::from(made);
        assert_eq!(throttle.waiting_at(now + 900), None);
        assert_eq!(throttle.after_failure(now + 899, FREE_FAILURES_BY_NAME).failures, 41);
        assert_eq!(throttle.after_failure(now + 900, FREE_FAILURES_BY_NAME).failures, 1);
    }

    #[test]
    fn a_source_has_more_free_failures_than_a_name() {
        let throttle = (0..30).fold(SignInThrottle::default(), |t, at| t.after_failure(at, FREE_FAILURES_BY_SOURCE));
        assert_eq!(throttle.waiting_at(30).map(|until| until - 29), Some(30));
        let throttle = (0..29).fold(SignInThrottle::default(), |t, at| t.after_failure(at, FREE_FAILURES_BY_SOURCE));
        assert_eq!(throttle.waiting_at(29), None);
    }
}
