//! Screens, one file each.

mod home;
mod not_found;
mod producer;
mod product;
mod verify;

pub use home::HomePage;
pub use not_found::NotFound;
pub use producer::ProducerPage;
pub use product::ProductPage;
pub use verify::VerifyPage;
