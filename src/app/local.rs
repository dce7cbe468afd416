//! Narrowing the loaded records as you type, without asking the server: a case-insensitive
//! substring match over what the list shows (name, type, and the metadata columns).

use crate::api::Record;
use serde_json::Value;

/// The local filter: the typed text and the indexes of the records that match it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalFilter {
    pub query: String,
    pub matches: Vec<usize>,
}

/// Case-insensitive substring search. ASCII needles take a fast path that scans for the first
/// byte in both cases with `memchr`; others compare lower-cased text.
pub struct Needle {
    lower: String,
    ascii: bool,
}

impl Needle {
    pub fn new(query: &str) -> Self {
        Self {
            lower: query.to_lowercase(),
            ascii: query.is_ascii(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    pub fn found_in(&self, hay: &str) -> bool {
        if self.lower.is_empty() {
            return true;
        }
        if !self.ascii {
            return hay.to_lowercase().contains(&self.lower);
        }
        let needle = self.lower.as_bytes();
        let hay = hay.as_bytes();
        let (first, rest) = (needle[0], &needle[1..]);
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(|i| {
            hay.get(i + 1..i + 1 + rest.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(rest))
        })
    }
}

/// Whether a record matches, looking at what the list shows for it.
pub fn matches(record: &Record, needle: &Needle, columns: &[String]) -> bool {
    needle.found_in(&record.name)
        || needle.found_in(&record.record_type)
        || columns.iter().any(|k| match record.metadata.get(k) {
            Some(Value::String(s)) => needle.found_in(s),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => needle.found_in(&v.to_string()),
            _ => false,
        })
}

impl LocalFilter {
    /// Re-filters for a new query. Typing more only narrows, so then only the previous
    /// matches are searched; anything else scans every loaded record.
    pub fn update(&mut self, query: &str, records: &[Record], columns: &[String]) {
        let needle = Needle::new(query);
        let narrowing = !self.query.is_empty() && query.starts_with(&self.query);
        self.matches = if narrowing {
            self.matches
                .iter()
                .copied()
                .filter(|&i| matches(&records[i], &needle, columns))
                .collect()
        } else {
            (0..records.len())
                .filter(|&i| matches(&records[i], &needle, columns))
                .collect()
        };
        self.query = query.to_owned();
    }

    /// Takes newly appended records (from `start` on) into account.
    pub fn extend(&mut self, records: &[Record], start: usize, columns: &[String]) {
        let needle = Needle::new(&self.query);
        self.matches
            .extend((start..records.len()).filter(|&i| matches(&records[i], &needle, columns)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::ascii_case("Invoice wrong", "INVOICE", true)]
    #[case::middle("Invoice wrong", "ice wr", true)]
    #[case::absent("Invoice wrong", "refund", false)]
    #[case::at_end("abc", "bc", true)]
    #[case::past_end("abc", "bcd", false)]
    #[case::unicode_case("Zürich Rückversicherung", "RÜCK", true)]
    #[case::cjk("注文が届きません", "届き", true)]
    #[case::empty("anything", "", true)]
    fn finds_case_insensitively(#[case] hay: &str, #[case] query: &str, #[case] found: bool) {
        assert_eq!(Needle::new(query).found_in(hay), found);
    }
}
