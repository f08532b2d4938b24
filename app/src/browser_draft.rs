//! Copies of unsaved work in the browser's storage, so a dropped connection or a reload loses
//! nothing. On the server (and where storage is refused) these do nothing.

use serde::de::DeserializeOwned;
use serde::Serialize;

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(key).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

pub fn keep<T: Serialize>(key: &str, value: &T) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        // A full or refused storage only loses the safety copy; the server copy still stands.
        let _ = gloo_storage::LocalStorage::set(key, value);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, serde_json::to_string(value));
}
