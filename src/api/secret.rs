//! The API key, held so that it can only be shown masked.

use std::fmt;

/// Prefixes that identify the kind of key; showing them helps users tell keys apart
/// without revealing anything secret.
const KNOWN_PREFIXES: [&str; 4] = ["rt_live_", "rt_test_", "tv_live_", "tv_test_"];

/// How many characters of the secret part must remain hidden before the last four are shown.
/// A short key would be mostly revealed by its tail, so it gets none.
const MIN_HIDDEN_FOR_TAIL: usize = 8;

/// An API key. `Debug` and `Display` show only the prefix and the last four characters
/// (`rt_live_…ab12`), so the key cannot leak through logs, panics or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key, trimming the whitespace that key files and shells tend to add.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_owned())
    }

    /// The raw key, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The masked form: known prefix, an ellipsis, and the last four characters when the
    /// key is long enough that they give nothing away.
    pub fn masked(&self) -> String {
        let prefix = KNOWN_PREFIXES
            .iter()
            .find(|p| self.0.starts_with(*p))
            .copied()
            .unwrap_or("");
        let secret: Vec<char> = self.0[prefix.len()..].chars().collect();
        let tail: String = if secret.len() >= MIN_HIDDEN_FOR_TAIL + 4 {
            secret[secret.len() - 4..].iter().collect()
        } else {
            String::new()
        };
        format!("{prefix}…{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::live_key("rt_live_abcdefghijklmnop1234", "rt_live_…1234")]
    #[case::test_key("rt_test_0123456789abcdef", "rt_test_…cdef")]
    #[case::short_secret("rt_test_sandbox", "rt_test_…")]
    #[case::unknown_prefix("sk-0123456789abcdefXYZW", "…XYZW")]
    #[case::tiny("abc", "…")]
    #[case::multibyte_tail("rt_live_ééééééééééééé€€€€", "rt_live_…€€€€")]
    fn masks_keys(#[case] key: &str, #[case] shown: &str) {
        let k = ApiKey::new(key);
        assert_eq!(k.masked(), shown);
        assert_eq!(k.to_string(), shown);
        assert_eq!(format!("{k:?}"), format!("ApiKey({shown})"));
    }

    #[test]
    fn never_shows_the_middle() {
        let k = ApiKey::new("rt_live_SECRETMIDDLEPART9876");
        assert!(!format!("{k:?}{k}").contains("SECRETMIDDLE"));
    }

    #[test]
    fn trims_whitespace_from_files() {
        assert_eq!(ApiKey::new("  rt_test_x\n").expose(), "rt_test_x");
    }
}
