//! Uploaded files, in one configurable folder or in an S3-compatible bucket shared by several
//! servers. Files are named by random keys, never by what the uploader called them, and written
//! whole or not at all.

mod bucket;
mod sigv4;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rand::RngCore;

pub use bucket::{Bucket, BucketConfig};

#[derive(Debug, Clone)]
pub struct FileStore {
    place: Place,
}

#[derive(Debug, Clone)]
enum Place {
    Folder(PathBuf),
    Bucket(Arc<Bucket>),
}

impl FileStore {
    /// Files under `root` on this machine's disk.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FileStore { place: Place::Folder(root.into()) }
    }

    pub fn in_bucket(bucket: Bucket) -> Self {
        FileStore { place: Place::Bucket(Arc::new(bucket)) }
    }

    /// The folder the files are kept in, when they are on this machine.
    pub fn folder(&self) -> Option<&Path> {
        match &self.place {
            Place::Folder(root) => Some(root),
            Place::Bucket(_) => None,
        }
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
        match &self.place {
            Place::Folder(root) => {
                let path = path_in(root, key);
                if let Some(folder) = path.parent() {
                    tokio::fs::create_dir_all(folder).await?;
                }
                // Written beside and renamed into place, so a crash never leaves half a file.
                let partial = path.with_extension("partial");
                let written = tokio::fs::write(&partial, bytes).await;
                if let Err(err) = written {
                    // A full disk leaves no partial file behind either.
                    let _ = tokio::fs::remove_file(&partial).await;
                    return Err(err);
                }
                tokio::fs::rename(&partial, &path).await
            }
            // One PUT is stored whole or not at all.
            Place::Bucket(bucket) => bucket.put(&object_name(key), bytes).await,
        }
    }

    pub async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        match &self.place {
            Place::Folder(root) => tokio::fs::read(path_in(root, key)).await,
            Place::Bucket(bucket) => bucket.get(&object_name(key)).await,
        }
    }

    pub async fn exists(&self, key: &str) -> io::Result<bool> {
        match &self.place {
            Place::Folder(root) => tokio::fs::try_exists(path_in(root, key)).await,
            Place::Bucket(bucket) => bucket.exists(&object_name(key)).await,
        }
    }

    pub async fn remove(&self, key: &str) -> io::Result<()> {
        match &self.place {
            Place::Folder(root) => tokio::fs::remove_file(path_in(root, key)).await,
            Place::Bucket(bucket) => bucket.remove(&object_name(key)).await,
        }
    }
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

fn path_in(root: &Path, key: &str) -> PathBuf {
    root.join(object_name(key))
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
