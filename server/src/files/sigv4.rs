//! AWS Signature Version 4, the signature S3-compatible stores (AWS, MinIO, Ceph, Garage) check
//! on every request. Plain functions of the request and the clock, so tests can pin them to the
//! examples AWS publishes.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
}

/// One request to sign: `path` already URI-encoded, `headers` with lower-case names (`host`,
/// `x-amz-content-sha256` and `x-amz-date` among them). No query string: the store needs none.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub payload_sha256: &'a str,
}

/// The value of the `Authorization` header for `request`, signed at `at`.
pub fn authorization(
    credentials: &Credentials,
    region: &str,
    service: &str,
    at: DateTime<Utc>,
    request: &Request,
) -> String {
    let mut headers: Vec<(&str, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (*name, value.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    headers.sort_by(|a, b| a.0.cmp(b.0));
    let signed_headers = headers.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(";");
    let canonical_headers: String = headers.iter().map(|(name, value)| format!("{name}:{value}\n")).collect();
    let canonical_request = format!(
        "{}\n{}\n\n{canonical_headers}\n{signed_headers}\n{}",
        request.method, request.path, request.payload_sha256
    );
    let day = at.format("%Y%m%d").to_string();
    let scope = format!("{day}/{region}/{service}/aws4_request");
    let string_to_sign =
        format!("AWS4-HMAC-SHA256\n{}\n{scope}\n{}", amz_date(at), sha256_hex(canonical_request.as_bytes()));
    let mut key = hmac(format!("AWS4{}", credentials.secret_key).as_bytes(), day.as_bytes());
    for part in [region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    let signature = hex::encode(hmac(&key, string_to_sign.as_bytes()));
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        credentials.access_key
    )
}

/// The `x-amz-date` form of a time: 20130524T000000Z.
pub fn amz_date(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A path segment as SigV4 wants it: every byte but the unreserved ones percent-encoded.
pub fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn hmac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example_credentials() -> Credentials {
        Credentials {
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        }
    }

    /// AWS's published GET-object example, and a path-style PUT to a store on a port (the
    /// expected value computed by botocore, the signer of the AWS SDK for Python).
    #[test]
    fn signatures_match_the_reference_signers() {
        let at = DateTime::parse_from_rfc3339("2013-05-24T00:00:00Z").unwrap().with_timezone(&Utc);
        let empty = sha256_hex(b"");
        let body = sha256_hex("Xin chào OCOP".as_bytes());
        // Method, path, headers, payload hash, and the end of the expected header.
        type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str);
        let cases: [Case; 2] = [
            (
                "GET",
                "/test.txt",
                vec![("host", "examplebucket.s3.amazonaws.com"), ("range", "bytes=0-9"), ("x-amz-content-sha256", &empty), ("x-amz-date", "20130524T000000Z")],
                &empty,
                "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            ),
            (
                "PUT",
                "/ocop-files/ab/abcdef",
                vec![("x-amz-date", "20130524T000000Z"), ("host", "127.0.0.1:9000"), ("x-amz-content-sha256", &body)],
                &body,
                "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=bae5e1bdd24cd0cc57de54b88cfa4a296a86d3df9ed3b0b2ee0b4562935d38e4",
            ),
        ];
        for (method, path, headers, payload_sha256, expected) in cases {
            let request = Request { method, path, headers: &headers, payload_sha256 };
            let header = authorization(&example_credentials(), "us-east-1", "s3", at, &request);
            assert_eq!(
                header,
                format!(
                    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, {expected}"
                ),
                "{method} {path}"
            );
        }
    }

    #[test]
    fn segments_keep_only_unreserved_bytes() {
        let cases = [("ab", "ab"), ("a b", "a%20b"), ("ảnh", "%E1%BA%A3nh"), ("a/b", "a%2Fb"), ("x~y-z_.", "x~y-z_.")];
        for (segment, encoded) in cases {
            assert_eq!(encode_segment(segment), encoded, "{segment}");
        }
    }
}
