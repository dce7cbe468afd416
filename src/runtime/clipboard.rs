//! The OSC 52 sequence that asks the terminal to set the clipboard: it travels with the
//! screen output, so it works over SSH and needs no X11 or Wayland.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (what OSC 52 expects).
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `ESC ] 52 ; c ; BASE64 BEL`: the text is encoded, so nothing in it can act on the
/// terminal.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// The curl command that fetches `url`. The key is left to the shell as
/// `$RUNTYPE_API_KEY` (double quotes, so it expands); the URL is single-quoted, so nothing
/// in an id can run.
pub fn curl(url: &url::Url) -> String {
    let quoted = url.as_str().replace('\'', "'\\''");
    format!(
        "curl -sS -H \"Authorization: Bearer $RUNTYPE_API_KEY\" -H 'Accept: application/json' '{quoted}'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_names_the_variable_and_quotes_the_url() {
        let url = url::Url::parse("http://127.0.0.1:9/v1/records/it's").expect("url");
        let cmd = curl(&url);
        assert!(cmd.contains("Bearer $RUNTYPE_API_KEY"), "{cmd}");
        assert!(
            cmd.ends_with("'http://127.0.0.1:9/v1/records/it'\\''s'"),
            "{cmd}"
        );
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn escape_codes_in_the_text_are_encoded_away() {
        let seq = osc52("\x1b]0;pwned\x07 ⚠");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        assert_eq!(seq.matches('\x1b').count(), 1);
        assert_eq!(seq.matches('\x07').count(), 1);
    }
}
