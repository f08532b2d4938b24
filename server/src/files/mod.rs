//! Uploaded files, in one configurable folder or in an S3-compatible bucket shared by several
//! servers, both through `object_store`. Files are named by random keys, never by what the
//! uploader called them, and written whole or not at all (a folder's file is written beside
//! and renamed into place; one PUT to a bucket is stored whole).

mod bucket;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};
use rand::RngCore;

pub use bucket::{Bucket, BucketConfig};

#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    /// The folder on this machine, when the files are kept in one.
    folder: Option<PathBuf>,
}

impl std::fmt::Debug for FileStore {
    // The store's name only: a bucket's own Debug would print its secret key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.store)
    }
}

impl FileStore {
    /// Files under `root` on this machine's disk (created if missing).
    pub fn new(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        let store = LocalFileSystem::new_with_prefix(&root).map_err(|err| in_io(err, "the files folder"))?;
        Ok(FileStore { store: Arc::new(store), folder: Some(root) })
    }

    pub fn in_bucket(bucket: Bucket) -> Self {
        FileStore { store: bucket.into_store(), folder: None }
    }

    /// The folder the files are kept in, when they are on this machine.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// Stores the bytes and returns the key to read them back.
    pub async fn put(&self, bytes: &[u8]) -> io::Result<String> {
        let mut random = [0u8; 16];
        rand::rng().fill_bytes(&mut random);
        let key: String = random.iter().map(|b| format!("{b:02x}")).collect();
        self.put_at(&key, bytes).await?;
        Ok(key)
    }

    /// Stores several files that only make sense together (a document and its thumbnail, a
    /// photo in each size): all of them, or none, left behind.
    pub async fn put_all(&self, files: &[&[u8]]) -> io::Result<Vec<String>> {
        let mut keys = Vec::with_capacity(files.len());
        for bytes in files {
            match self.put(bytes).await {
                Ok(key) => keys.push(key),
                Err(err) => {
                    self.discard(&keys).await;
                    return Err(err);
                }
            }
        }
        Ok(keys)
    }

    /// Removes files no record will refer to (their record could not be written), as far as
    /// the store allows: a file left over is only unreferenced bytes.
    pub async fn discard(&self, keys: &[String]) {
        for key in keys {
            if let Err(err) = self.remove(key).await {
                tracing::warn!(key, error = %err, "an unreferenced file stays in the store");
            }
        }
    }

    /// Stores the bytes under a key given by a backup being restored.
    pub async fn put_at(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let payload = PutPayload::from(bytes.to_vec());
        self.store.put(&location(key), payload).await.map(drop).map_err(|err| in_io(err, key))
    }

    pub async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let read = async { self.store.get(&location(key)).await?.bytes().await };
        read.await.map(|bytes| bytes.to_vec()).map_err(|err| in_io(err, key))
    }

    pub async fn exists(&self, key: &str) -> io::Result<bool> {
        match self.store.head(&location(key)).await {
            Ok(_) => Ok(true),
            Err(err) if refusal(&err) == Refusal::NotFound => Ok(false),
            Err(err) => Err(in_io(err, key)),
        }
    }

    /// Every stored file's key, with when it was written.
    pub async fn listed(&self) -> io::Result<Vec<(String, chrono::DateTime<chrono::Utc>)>> {
        use futures_util::TryStreamExt;
        let objects: Vec<object_store::ObjectMeta> =
            self.store.list(None).try_collect().await.map_err(|err| in_io(err, "the list of files"))?;
        Ok(objects
            .into_iter()
            .filter_map(|object| Some((object.location.filename()?.to_string(), object.last_modified)))
            .collect())
    }

    /// Removing a key already gone succeeds, in a folder as in a bucket.
    pub async fn remove(&self, key: &str) -> io::Result<()> {
        match self.store.delete(&location(key)).await {
            Ok(()) => Ok(()),
            Err(err) if refusal(&err) == Refusal::NotFound => Ok(()),
            Err(err) => Err(in_io(err, key)),
        }
    }
}

/// What a store's refusal means to the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    NotFound,
    Denied,
    Full,
    Other,
}

/// Reads a store's error once, for every caller. `object_store` turns the HTTP status of some
/// requests into its own variants but leaves others (a listing's) in a generic error, and keeps
/// its HTTP error type private: there, the status and S3's error code are read from the
/// message. A full disk shows as the `io::Error` under the store's error.
fn refusal(err: &object_store::Error) -> Refusal {
    match err {
        object_store::Error::NotFound { .. } => return Refusal::NotFound,
        object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. } => {
            return Refusal::Denied
        }
        _ => {}
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            if matches!(io.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded) {
                return Refusal::Full;
            }
        }
        source = cause.source();
    }
    let message = err.to_string();
    let says = |signs: &[&str]| signs.iter().any(|sign| message.contains(sign));
    if says(&["507 Insufficient Storage", "<Code>StorageFull", "<Code>QuotaExceeded", "<Code>XMinioStorageFull"]) {
        Refusal::Full
    } else if says(&["403 Forbidden", "401 Unauthorized", "<Code>SignatureDoesNotMatch", "<Code>InvalidAccessKeyId"]) {
        Refusal::Denied
    } else if says(&["404 Not Found", "<Code>NoSuchBucket", "<Code>NoSuchKey"]) {
        Refusal::NotFound
    } else {
        Refusal::Other
    }
}

/// The store's error as an `io::Error` of the kind callers act on: not found, denied, or full.
fn in_io(err: object_store::Error, key: &str) -> io::Error {
    let kind = match refusal(&err) {
        Refusal::NotFound => io::ErrorKind::NotFound,
        Refusal::Denied => io::ErrorKind::PermissionDenied,
        Refusal::Full => io::ErrorKind::StorageFull,
        Refusal::Other => io::ErrorKind::Other,
    };
    io::Error::new(kind, format!("{key}: {err}"))
}

/// The store has no room left (a full disk or quota, or a bucket's store out of space): the
/// person uploading is told so, rather than shown a bare error.
pub fn is_full(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded)
}

/// Keys are hex, so they cannot climb out of the folder; their first two letters shard it. The
/// same `ab/abcd…` name is used in a bucket and in a backup, so files move between the three.
pub fn object_name(key: &str) -> String {
    let safe: String = key.chars().filter(char::is_ascii_hexdigit).collect();
    let shard = safe.get(..2).unwrap_or("00");
    format!("{shard}/{safe}")
}

fn location(key: &str) -> ObjectPath {
    ObjectPath::from(object_name(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_names_never_leave_the_store() {
        let cases = [
            ("abcdef0123", "ab/abcdef0123"),
            ("../../etc/passwd", "ec/ecad"),
            ("ab/../cd", "ab/abcd"),
            ("", "00/"),
            ("f", "00/f"),
        ];
        for (key, name) in cases {
            assert_eq!(object_name(key), name, "{key}");
        }
    }
}
