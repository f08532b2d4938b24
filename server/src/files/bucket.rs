//! Uploaded files in an S3-compatible bucket, for deployments where several servers share them.
//! Path-style addresses (`endpoint/bucket/key`), which MinIO, Ceph, Garage and AWS all answer.

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{BackoffConfig, ClientOptions, ObjectStore, RetryConfig};
use url::Url;

use super::Refusal;

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
    store: AmazonS3,
    endpoint: String,
    name: String,
}

impl Bucket {
    /// The settings checked by their form, with a sentence for the operator when one is wrong.
    pub fn new(config: BucketConfig) -> Result<Self, String> {
        let endpoint = Url::parse(&config.endpoint).ok().filter(|url| {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some()
                && url.path() == "/"
                && url.query().is_none()
        });
        if endpoint.is_none() {
            return Err(format!(
                "The S3 endpoint \"{}\" is not an address like https://s3.example.vn or http://127.0.0.1:9000 (scheme, host and port only).",
                config.endpoint
            ));
        }
        let bucket_name_ok = (3..=63).contains(&config.bucket.len())
            && config.bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !bucket_name_ok {
            return Err(format!(
                "\"{}\" is not an S3 bucket name: 3 to 63 lower-case letters, digits, dots and dashes.",
                config.bucket
            ));
        }
        // An upload waits at most about half a minute for a store that does not answer, rather
        // than the library's three minutes of retries.
        let client = ClientOptions::new()
            .with_allow_http(true)
            .with_connect_timeout(Duration::from_secs(5))
            .with_timeout(Duration::from_secs(60));
        let retry =
            RetryConfig { backoff: BackoffConfig::default(), max_retries: 2, retry_timeout: Duration::from_secs(20) };
        let store = AmazonS3Builder::new()
            .with_endpoint(config.endpoint.trim_end_matches('/'))
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key)
            .with_secret_access_key(&config.secret_key)
            .with_virtual_hosted_style_request(false)
            .with_client_options(client)
            .with_retry(retry)
            .build()
            .map_err(|err| format!("The S3 settings are not usable: {err}"))?;
        Ok(Bucket { store, endpoint: config.endpoint, name: config.bucket })
    }

    /// Checks at start that the bucket answers to these credentials, so a wrong setting stops
    /// the server with a sentence instead of failing the first upload.
    pub async fn check(&self) -> Result<(), String> {
        let (endpoint, bucket) = (&self.endpoint, &self.name);
        let Err(err) = self.store.list_with_delimiter(None).await else { return Ok(()) };
        match super::refusal(&err) {
            Refusal::NotFound => Err(format!("The bucket \"{bucket}\" does not exist at {endpoint}: create it first.")),
            Refusal::Denied => Err(format!(
                "{endpoint} refused the access key for bucket \"{bucket}\": check the key, the secret and the region."
            )),
            Refusal::Full | Refusal::Other => {
                Err(format!("The S3 store {endpoint} is unreachable or refused bucket \"{bucket}\": {err}"))
            }
        }
    }

    pub(super) fn into_store(self) -> Arc<dyn ObjectStore> {
        Arc::new(self.store)
    }
}

impl std::fmt::Debug for Bucket {
    // Never the secret key, whatever prints the store.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bucket {} at {}", self.name, self.endpoint)
    }
}
