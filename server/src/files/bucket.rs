//! Uploaded files in an S3-compatible bucket, for deployments where several servers share them.
//! Path-style addresses (`endpoint/bucket/key`), which MinIO, Ceph, Garage and AWS all answer.

use std::io;
use std::time::Duration;

use reqwest::{Method, StatusCode, Url};

use super::sigv4::{self, Credentials};

/// How to reach the bucket, as the operator configures it.
#[derive(Clone)]
pub struct BucketConfig {
    /// `https://s3.example.vn` or `http://127.0.0.1:9000`: scheme, host and port, no path.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
}

pub struct Bucket {
    client: reqwest::Client,
    endpoint: Url,
    /// The `Host` header as sent and signed: the port only when it is not the scheme's own.
    host: String,
    bucket: String,
    region: String,
    credentials: Credentials,
}

impl std::fmt::Debug for Bucket {
    // Never the secret key, whatever prints the store.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bucket {} at {}", self.bucket, self.endpoint)
    }
}

impl Bucket {
    pub fn new(config: BucketConfig) -> Result<Self, String> {
        let endpoint = Url::parse(&config.endpoint).ok().filter(|url| {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some()
                && url.path() == "/"
                && url.query().is_none()
        });
        let Some(endpoint) = endpoint else {
            return Err(format!(
                "The S3 endpoint \"{}\" is not an address like https://s3.example.vn or http://127.0.0.1:9000 (scheme, host and port only).",
                config.endpoint
            ));
        };
        let bucket_name_ok = (3..=63).contains(&config.bucket.len())
            && config.bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !bucket_name_ok {
            return Err(format!(
                "\"{}\" is not an S3 bucket name: 3 to 63 lower-case letters, digits, dots and dashes.",
                config.bucket
            ));
        }
        let host = match endpoint.port() {
            Some(port) => format!("{}:{port}", endpoint.host_str().unwrap_or_default()),
            None => endpoint.host_str().unwrap_or_default().to_string(),
        };
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|err| format!("Cannot make the S3 client: {err}"))?;
        Ok(Bucket {
            client,
            endpoint,
            host,
            bucket: config.bucket,
            region: config.region,
            credentials: Credentials { access_key: config.access_key, secret_key: config.secret_key },
        })
    }

    /// Checks at start that the bucket answers to these credentials, so a wrong setting stops
    /// the server with a sentence instead of failing the first upload.
    pub async fn check(&self) -> Result<(), String> {
        let response = self.send(Method::HEAD, None, Vec::new()).await.map_err(|err| err.to_string())?;
        match response.status() {
            status if status.is_success() => Ok(()),
            StatusCode::NOT_FOUND => {
                Err(format!("The bucket \"{}\" does not exist at {}: create it first.", self.bucket, self.endpoint))
            }
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => Err(format!(
                "{} refused the access key for bucket \"{}\": check the key, the secret and the region.",
                self.endpoint, self.bucket
            )),
            status => Err(format!("{} answered {status} for bucket \"{}\".", self.endpoint, self.bucket)),
        }
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let response = self.send(Method::PUT, Some(key), bytes.to_vec()).await?;
        expect_success(response, key).await.map(drop)
    }

    pub async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let response = self.send(Method::GET, Some(key), Vec::new()).await?;
        let response = expect_success(response, key).await?;
        let bytes = response.bytes().await.map_err(|err| io::Error::other(format!("reading {key}: {err}")))?;
        Ok(bytes.to_vec())
    }

    pub async fn exists(&self, key: &str) -> io::Result<bool> {
        let response = self.send(Method::HEAD, Some(key), Vec::new()).await?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(false),
            _ => expect_success(response, key).await.map(|_| true),
        }
    }

    /// Removing a key already gone succeeds, as S3 itself answers.
    pub async fn remove(&self, key: &str) -> io::Result<()> {
        let response = self.send(Method::DELETE, Some(key), Vec::new()).await?;
        expect_success(response, key).await.map(drop)
    }

    async fn send(&self, method: Method, key: Option<&str>, body: Vec<u8>) -> io::Result<reqwest::Response> {
        let mut path = format!("/{}", sigv4::encode_segment(&self.bucket));
        for segment in key.iter().flat_map(|key| key.split('/')) {
            path.push('/');
            path.push_str(&sigv4::encode_segment(segment));
        }
        // The real time, not the platform's clock: the store refuses a signature dated otherwise.
        let now = chrono::Utc::now();
        let date = sigv4::amz_date(now);
        let payload_sha256 = sigv4::sha256_hex(&body);
        let headers = [("host", self.host.as_str()), ("x-amz-content-sha256", &payload_sha256), ("x-amz-date", &date)];
        let request =
            sigv4::Request { method: method.as_str(), path: &path, headers: &headers, payload_sha256: &payload_sha256 };
        let authorization = sigv4::authorization(&self.credentials, &self.region, "s3", now, &request);
        let url = self.endpoint.join(&path).map_err(io::Error::other)?;
        let mut builder = self.client.request(method, url).header("authorization", authorization);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        builder
            .body(body)
            .send()
            .await
            .map_err(|err| io::Error::other(format!("S3 store {} unreachable: {err}", self.endpoint)))
    }
}

/// A failed answer as an error naming the key and the store's own error code.
async fn expect_success(response: reqwest::Response, key: &str) -> io::Result<reqwest::Response> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let text = response.text().await.unwrap_or_default();
    let code = text.split("<Code>").nth(1).and_then(|rest| rest.split("</Code>").next()).unwrap_or("no error code");
    let kind = match status {
        StatusCode::NOT_FOUND => io::ErrorKind::NotFound,
        StatusCode::INSUFFICIENT_STORAGE => io::ErrorKind::StorageFull,
        _ if code.contains("StorageFull") || code == "QuotaExceeded" => io::ErrorKind::StorageFull,
        _ => io::ErrorKind::Other,
    };
    Err(io::Error::new(kind, format!("S3 answered {status} ({code}) for {key}")))
}
