//! Server functions, one file each: who is calling, may they, call a port, map the error.

mod search_products;

pub use search_products::*;
