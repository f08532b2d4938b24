//! Pieces shared by several screens, one file each.

mod product_card;
mod query_string;
mod stars;

pub use product_card::ProductCard;
pub use query_string::query_string;
pub use stars::StarRating;
