//! Narrowing the loaded records as you type, without asking the server: a case-insensitive
//! substring match over what the list shows (name, type, and the metadata columns).
//!
//! Matching reads a compact lower-cased copy of those fields, built as pages arrive: scanning
//! one contiguous buffer keeps a keystroke within a frame at 100 000 records, where following
//! every record's own allocations did not.

use super::row::Row;
use memchr::memmem::Finder;

/// Lower-cased searchable text of every loaded record, in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    text: String,
    /// Where each record's text is in `text` (start, end).
    spans: Vec<(u32, u32)>,
}

fn searchable(row: &Row, columns: &[String], out: &mut String) {
    let mut push = |s: &str| {
        out.push('\u{1f}');
        out.extend(s.chars().flat_map(char::to_lowercase));
    };
    push(&row.name);
    push(&row.record_type);
    for key in columns {
        if let Some(v) = row.field(key) {
            push(v);
        }
    }
}

impl SearchIndex {
    pub fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    fn append(&mut self, record: &Row, columns: &[String]) -> (u32, u32) {
        let start = self.text.len();
        searchable(record, columns, &mut self.text);
        (
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(self.text.len()).unwrap_or(u32::MAX),
        )
    }

    /// Adds records at the end (a new page).
    pub fn extend(&mut self, records: &[Row], columns: &[String]) {
        for r in records {
            let span = self.append(r, columns);
            self.spans.push(span);
        }
    }

    /// Re-indexes record `i` after it changed (a save). Its old text stays unused in the
    /// buffer until the next reload; a save is rare enough not to compact for.
    pub fn replace(&mut self, i: usize, record: &Row, columns: &[String]) {
        if i < self.spans.len() {
            self.spans[i] = self.append(record, columns);
        }
    }

    fn slice(&self, i: usize) -> &[u8] {
        let (a, b) = self.spans[i];
        &self.text.as_bytes()[a as usize..b as usize]
    }

    /// Indexes (in order) of the records among `candidates` whose text contains `query`.
    pub fn search(&self, query: &str, candidates: impl Iterator<Item = usize>) -> Vec<usize> {
        let needle: String = query.chars().flat_map(char::to_lowercase).collect();
        let finder = Finder::new(needle.as_bytes());
        candidates
            .filter(|&i| i < self.spans.len() && finder.find(self.slice(i)).is_some())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// The local filter: the typed text and the indexes of the records that match it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalFilter {
    pub query: String,
    pub matches: Vec<usize>,
}

impl LocalFilter {
    /// Re-filters for a new query. Typing more only narrows, so then only the previous
    /// matches are searched; anything else searches every loaded record.
    pub fn update(&mut self, query: &str, index: &SearchIndex) {
        let narrowing = !self.query.is_empty() && query.starts_with(&self.query);
        self.matches = if narrowing {
            index.search(query, self.matches.iter().copied())
        } else {
            index.search(query, 0..index.len())
        };
        self.query = query.to_owned();
    }

    /// Takes newly appended records (from `start` on) into account.
    pub fn extend(&mut self, index: &SearchIndex, start: usize) {
        let found = index.search(&self.query, start..index.len());
        self.matches.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn index_of(names: &[&str]) -> SearchIndex {
        let records: Vec<Row> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let r: crate::api::Record = serde_json::from_value(serde_json::json!({"id": format!("r{i}"),
                    "type": "ticket", "name": n, "metadata": {"status": "Open"}, "createdAt": "x", "updatedAt": "x"}))
                .expect("record");
                Row::of(&r)
            })
            .collect();
        let mut index = SearchIndex::default();
        index.extend(&records, &["status".to_owned()]);
        index
    }

    #[rstest]
    #[case::ascii_case("Invoice wrong", "INVOICE", true)]
    #[case::middle("Invoice wrong", "ice wr", true)]
    #[case::absent("Invoice wrong", "refund", false)]
    #[case::unicode_case("Zürich Rückversicherung", "RÜCK", true)]
    #[case::cjk("注文が届きません", "届き", true)]
    #[case::type_field("anything", "tick", true)]
    #[case::column_value("anything", "open", true)]
    #[case::not_across_fields("abc", "cticket", false)]
    #[case::empty("anything", "", true)]
    fn finds_case_insensitively(#[case] name: &str, #[case] query: &str, #[case] found: bool) {
        assert_eq!(
            index_of(&[name]).search(query, 0..1),
            if found { vec![0] } else { vec![] }
        );
    }

    #[test]
    fn narrowing_and_replacing() {
        let mut index = index_of(&["alpha", "alps", "beta"]);
        let mut f = LocalFilter::default();
        f.update("al", &index);
        assert_eq!(f.matches, [0, 1]);
        f.update("alp", &index);
        assert_eq!(f.matches, [0, 1]);
        f.update("alph", &index);
        assert_eq!(f.matches, [0]);
        let renamed: crate::api::Record = serde_json::from_value(
            serde_json::json!({"id": "r2", "type": "t", "name": "alphabet",
            "createdAt": "x", "updatedAt": "x"}),
        )
        .expect("record");
        index.replace(2, &Row::of(&renamed), &[]);
        f.update("alph", &index);
        assert_eq!(f.matches, [0], "narrowing searches previous matches only");
        f.update("a", &index);
        f.update("alph", &index);
        assert_eq!(f.matches, [0, 2]);
    }
}
