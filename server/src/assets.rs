//! The site's built files (`/pkg`: WASM, JS, CSS) compressed once as hard as brotli and gzip go,
//! instead of on every request at the quick, weaker level a response compressor can afford:
//! on a phone's first visit the WASM is most of what travels (about a fifth less than on the
//! fly). The server writes `file.br` and `file.gz` beside each file when they are missing or
//! older, in the background at start; until they exist, responses are compressed on the fly.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tower_http::services::ServeDir;

/// The files worth compressing: text and WASM, not images or the compressed copies.
const COMPRESSIBLE: [&str; 5] = ["wasm", "js", "css", "json", "svg"];

/// Serves `pkg_dir`, choosing a `.br` or `.gz` copy when the browser accepts it.
pub fn service(pkg_dir: &Path) -> ServeDir {
    ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip()
}

/// Compresses the built files on a blocking thread; a folder that cannot be written is only
/// logged (the site then compresses on the fly).
pub fn precompress_in_background(pkg_dir: PathBuf) {
    tokio::task::spawn_blocking(move || match precompress(&pkg_dir) {
        Ok(0) => {}
        Ok(written) => tracing::info!(folder = %pkg_dir.display(), written, "precompressed the site's files"),
        Err(err) => tracing::warn!(folder = %pkg_dir.display(), %err, "could not precompress the site's files"),
    });
}

/// Writes the missing or stale compressed copies in `pkg_dir`; returns how many files it did.
pub fn precompress(pkg_dir: &Path) -> std::io::Result<usize> {
    let Ok(entries) = fs::read_dir(pkg_dir) else { return Ok(0) };
    let mut written = 0;
    for entry in entries {
        let path = entry?.path();
        let compressible = path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || up_to_date(&path, "br") && up_to_date(&path, "gz") {
            continue;
        }
        let content = fs::read(&path)?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
        brotli::BrotliCompress(&mut content.as_slice(), &mut brotli, &params)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&content)?;
        replace(&with_suffix(&path, "br"), &brotli)?;
        replace(&with_suffix(&path, "gz"), &gzip.finish()?)?;
        written += 1;
    }
    Ok(written)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}

/// Whether the copy exists and is no older than the file (a rebuild makes it stale).
fn up_to_date(path: &Path, suffix: &str) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(&with_suffix(path, suffix)), modified(path)), (Some(copy), Some(file)) if copy >= file)
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
fn replace(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let temporary = with_suffix(path, "tmp");
    fs::write(&temporary, content)?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn writes_copies_that_decompress_to_the_file_and_only_when_stale() {
        let folder = tempfile::tempdir().unwrap();
        let script = "console.log('Sản phẩm OCOP');\n".repeat(200);
        fs::write(folder.path().join("ocop.js"), &script).unwrap();
        fs::write(folder.path().join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();

        assert_eq!(precompress(folder.path()).unwrap(), 1, "the script, not the image");
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut fs::read(folder.path().join("ocop.js.br")).unwrap().as_slice(), &mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, script.as_bytes());
        let mut ungzip = String::new();
        flate2::read::GzDecoder::new(fs::File::open(folder.path().join("ocop.js.gz")).unwrap())
            .read_to_string(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, script);
        assert!(!folder.path().join("photo.png.br").exists());

        assert_eq!(precompress(folder.path()).unwrap(), 0, "nothing stale the second time");
        assert_eq!(precompress(&folder.path().join("missing")).unwrap(), 0, "no folder, nothing to do");
    }
}
