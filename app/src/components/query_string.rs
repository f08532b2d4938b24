/// Builds `?k=v&…` with percent-encoding, leaving out empty values so URLs stay short.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::query_string;

    #[test]
    fn encodes_pairs() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[], ""),
            (&[("q", "")], ""),
            (&[("q", "mat ong")], "?q=mat+ong"),
            (&[("q", "mật")], "?q=m%E1%BA%ADt"),
            (&[("q", "a&b=c"), ("page", "2")], "?q=a%26b%3Dc&page=2"),
        ];
        for (pairs, expected) in cases {
            assert_eq!(query_string(pairs), *expected, "pairs {pairs:?}");
        }
    }
}
