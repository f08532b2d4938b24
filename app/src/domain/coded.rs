//! Values written by a code: in forms, addresses, JSON and the database alike.

/// Declares an enum whose values are written by one snake_case code, the same through serde
/// (JSON, stored rows) and strum (forms, addresses), with `ALL` (every value, in the order
/// declared), `code` and `from_code`. A macro rather than a derive list repeated on each enum:
/// the derives, the two renaming rules and the three items must never differ between them.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, strum::IntoStaticStr, strum::EnumString,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The code forms send and the database stores (the serde name).
            pub fn code(self) -> &'static str {
                self.into()
            }

            /// The value a code names, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                code.parse().ok()
            }
        }
    };
}

pub(crate) use coded_enum;
