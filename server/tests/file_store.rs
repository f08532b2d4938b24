//! The S3-compatible bucket store against a real S3 server (moto, started by the test command):
//! files go in whole and come back byte for byte, and a wrong setting stops the server with a
//! sentence instead of failing the first upload.

mod common;

use server::files::{Bucket, BucketConfig, FileStore};

fn config(endpoint: &str, bucket: &str) -> BucketConfig {
    BucketConfig {
        endpoint: endpoint.into(),
        bucket: bucket.into(),
        region: "us-east-1".into(),
        access_key: "ocop-test-key".into(),
        secret_key: "ocop test secret".into(),
    }
}

#[tokio::test]
async fn a_bucket_keeps_reads_and_removes_files() {
    let Some(bucket) = common::test_bucket() else {
        eprintln!("note: OCOP_TEST_S3_ENDPOINT is not set, so the bucket was not tested");
        return;
    };
    bucket.check().await.expect("the test bucket answers");
    let store = FileStore::in_bucket(bucket);
    // Every byte value, and a few megabytes, as a scanned lab result would be.
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    for bytes in [b"%PDF-1.7 Gi\xe1\xba\xa5y ch\xe1\xbb\xa9ng nh\xe1\xba\xadn".to_vec(), big, Vec::new()] {
        let key = store.put(&bytes).await.expect("put");
        assert!(store.exists(&key).await.unwrap());
        assert_eq!(store.get(&key).await.expect("get"), bytes);
        store.remove(&key).await.expect("remove");
        assert!(!store.exists(&key).await.unwrap());
        let gone = store.get(&key).await.unwrap_err();
        assert_eq!(gone.kind(), std::io::ErrorKind::NotFound, "{gone}");
        store.remove(&key).await.expect("removing a removed file succeeds");
    }
}

#[tokio::test]
async fn a_wrong_bucket_setting_is_refused_with_a_sentence() {
    let endpoint = std::env::var("OCOP_TEST_S3_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:9".into());
    let refused = [
        (config("ftp://s3.example.vn", "ocop-files"), "is not an address"),
        (config("https://s3.example.vn/ocop", "ocop-files"), "is not an address"),
        (config("http://127.0.0.1:9000", "OCOP_Files"), "is not an S3 bucket name"),
    ];
    for (config, sentence) in refused {
        let endpoint = config.endpoint.clone();
        let err = Bucket::new(config).unwrap_err();
        assert!(err.contains(sentence), "{endpoint}: {err}");
    }
    // Nothing listens on port 9 (discard), so the store is unreachable.
    let unreachable = Bucket::new(config("http://127.0.0.1:9", "ocop-files")).unwrap().check().await.unwrap_err();
    assert!(unreachable.contains("unreachable"), "{unreachable}");
    if let Some(bucket) = common::test_bucket() {
        let key = std::env::var("OCOP_TEST_S3_ACCESS_KEY").unwrap();
        let secret = std::env::var("OCOP_TEST_S3_SECRET_KEY").unwrap();
        let with = |bucket: &str, secret: &str| BucketConfig {
            access_key: key.clone(),
            secret_key: secret.to_string(),
            ..config(&endpoint, bucket)
        };
        let missing = Bucket::new(with("no-such-bucket", &secret)).unwrap().check().await.unwrap_err();
        assert!(missing.contains("does not exist") && missing.contains("create it first"), "{missing}");
        // The store checks signatures: a wrong secret is refused at start, and by any upload.
        let wrong = Bucket::new(with("ocop-test", "not the secret")).unwrap();
        let refused = wrong.check().await.unwrap_err();
        assert!(refused.contains("refused the access key"), "{refused}");
        let stranger = FileStore::in_bucket(Bucket::new(with("ocop-test", "not the secret")).unwrap());
        let upload = stranger.put(b"a forged upload").await.unwrap_err();
        assert_eq!(upload.kind(), std::io::ErrorKind::PermissionDenied, "{upload}");
        bucket.check().await.expect("the right key is let in");
    }
}
