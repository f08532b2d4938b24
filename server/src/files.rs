//! Uploaded files on disk, under one configurable folder. Files are named by random keys, never
//! by what the uploader called them, and written whole or not at all.

use std::path::{Path, PathBuf};

use rand::RngCore;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FileStore { root: root.into() }
    }

    /// Stores the bytes and returns the key to read them back.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let mut random = [0u8; 16];
        rand::rng().fill_bytes(&mut random);
        let key: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let path = self.path(&key);
        if let Some(folder) = path.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        // Written beside and renamed into place, so a crash never leaves half a file.
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)).await
    }

    pub async fn remove(&self, key: &str) -> std::io::Result<()> {
        tokio::fs::remove_file(self.path(key)).await
    }

    /// Keys are hex, so they cannot climb out of the folder; two letters shard it.
    fn path(&self, key: &str) -> PathBuf {
        let safe: String = key.chars().filter(char::is_ascii_hexdigit).collect();
        let shard = safe.get(..2).unwrap_or("00");
        self.root.join(shard).join(Path::new(&safe))
    }
}
