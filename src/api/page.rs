//! Reading a list page record by record, so that one record the JSON decoder refuses
//! (invalid UTF-8, a lone surrogate, nesting past the depth limit) is skipped and named
//! instead of failing the whole page.

use super::body::parse_value;
use super::endpoints::parse_page;
use super::error::{ApiError, MalformedKind};
use super::types::{Page, Pagination, Record, SkippedItem};

/// Decodes a list page. The whole body is parsed at once when it can be (the fast path);
/// only a body the decoder refuses is split into its records, each decoded alone.
pub fn parse_page_bytes(bytes: &[u8], content_type: &str) -> Result<Page, ApiError> {
    match parse_value(bytes, content_type) {
        Ok(value) => parse_page(value),
        Err(whole @ ApiError::Malformed { kind, .. }) if kind != MalformedKind::Incomplete => {
            split_page(bytes).ok_or(whole)
        }
        Err(e) => Err(e),
    }
}

/// The page from its top-level members; `None` when the body is not an object with a
/// `data` array (the caller then reports the original error).
fn split_page(bytes: &[u8]) -> Option<Page> {
    let members = Scanner { bytes, pos: 0 }.object_members()?;
    let mut page = Page {
        records: Vec::new(),
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    let mut saw_data = false;
    for (key, value) in members {
        match key {
            b"\"data\"" => {
                saw_data = true;
                let items = Scanner {
                    bytes: value,
                    pos: 0,
                }
                .array_items()?;
                for (index, item) in items.into_iter().enumerate() {
                    decode_item(&mut page, index, item);
                }
            }
            b"\"pagination\"" => page.pagination = serde_json::from_slice(value).ok()?,
            b"\"filtersApplied\"" => page.filters_applied = serde_json::from_slice(value).ok(),
            _ => {}
        }
    }
    saw_data.then_some(page)
}

fn decode_item(page: &mut Page, index: usize, item: &[u8]) {
    match serde_json::from_slice::<Record>(item) {
        Ok(r) => page.records.push(r),
        Err(e) => page.skipped.push(SkippedItem {
            index,
            id: item_id(item),
            reason: unreadable_reason(&e),
        }),
    }
}

/// The item's `id` when that much of it is readable (other fields are skipped unread, so
/// their bad bytes do not matter).
fn item_id(item: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_slice::<IdOnly>(item).ok().map(|r| r.id)
}

/// Why a record cannot be shown, in words (never quoting the record's bytes).
pub fn unreadable_reason(e: &serde_json::Error) -> String {
    super::body::undecodable_text(e).unwrap_or_else(|| e.to_string())
}

/// A byte-level walk over JSON that only finds where values start and end; it decodes
/// nothing, so it cannot trip on what the decoder refuses inside strings.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(u8::is_ascii_whitespace)
        {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.bytes.get(self.pos) == Some(&b)).then(|| self.pos += 1)
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    /// The end of the string starting at `pos` (just past its closing quote).
    fn string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.bytes.get(self.pos)? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    /// One value's bytes. Nesting is counted, not recursed, so no depth is too deep.
    fn value(&mut self) -> Option<&'a [u8]> {
        self.skip_ws();
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => self.string()?,
                b'[' | b'{' => {
                    depth += 1;
                    self.pos += 1;
                }
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    self.pos += 1;
                }
                b',' | b']' | b'}' if depth == 0 => break,
                b if depth == 0 && b.is_ascii_whitespace() => break,
                _ => self.pos += 1,
            }
            if depth == 0 && matches!(self.bytes.get(start), Some(b'"' | b'[' | b'{')) {
                break;
            }
        }
        (self.pos > start).then(|| &self.bytes[start..self.pos])
    }

    /// `(quoted key, value)` for each member of the object that is the whole input.
    fn object_members(mut self) -> Option<Vec<(&'a [u8], &'a [u8])>> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        if self.eat(b'}').is_some() {
            return Some(members);
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let start = self.pos;
            self.string()?;
            let key = &self.bytes[start..self.pos];
            self.eat(b':')?;
            members.push((key, self.value()?));
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => return Some(members),
                _ => return None,
            }
        }
    }

    /// The items of the array that is the whole input.
    fn array_items(mut self) -> Option<Vec<&'a [u8]>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(items);
        }
        loop {
            items.push(self.value()?);
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => return Some(items),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn page_with(items: &[&[u8]]) -> Vec<u8> {
        let mut body = b"{\"data\": [".to_vec();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(b", ");
            }
            body.extend_from_slice(item);
        }
        body.extend_from_slice(
            br#"], "pagination": {"hasMore": true, "nextCursor": "c2", "limit": 100}}"#,
        );
        body
    }

    fn good(id: &str) -> Vec<u8> {
        format!(
            r#"{{"id": "{id}", "type": "t", "name": "n {{[\"x", "createdAt": "c", "updatedAt": "u"}}"#
        )
        .into_bytes()
    }

    fn skipped_reasons(body: &[u8]) -> (Vec<String>, Vec<(Option<String>, String)>) {
        let page = parse_page_bytes(body, "application/json").expect("page still parses");
        assert_eq!(page.pagination.next_cursor.as_deref(), Some("c2"));
        (
            page.records.into_iter().map(|r| r.id).collect(),
            page.skipped.into_iter().map(|s| (s.id, s.reason)).collect(),
        )
    }

    #[test]
    fn invalid_utf8_in_one_record_skips_only_that_record() {
        let bad = b"{\"id\": \"bad\", \"type\": \"t\", \"name\": \"\xff\xfe\", \"createdAt\": \"c\", \"updatedAt\": \"u\"}";
        let (ids, skipped) = skipped_reasons(&page_with(&[&good("a"), bad, &good("b")]));
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].0.as_deref(), Some("bad"));
        assert!(skipped[0].1.contains("UTF-8"), "{}", skipped[0].1);
    }

    #[test]
    fn a_lone_surrogate_skips_only_that_record() {
        let bad = br#"{"id": "sur", "type": "t", "name": "x\ud800y", "createdAt": "c", "updatedAt": "u"}"#;
        let (ids, skipped) = skipped_reasons(&page_with(&[bad, &good("a")]));
        assert_eq!(ids, ["a"]);
        assert!(skipped[0].1.contains("surrogate"), "{:?}", skipped);
    }

    #[test]
    fn deep_metadata_skips_only_that_record() {
        let deep = format!(
            r#"{{"id": "deep", "type": "t", "name": "n", "createdAt": "c", "updatedAt": "u", "metadata": {{"k": {}1{}}}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        let (ids, skipped) = skipped_reasons(&page_with(&[&good("a"), deep.as_bytes()]));
        assert_eq!(ids, ["a"]);
        assert_eq!(skipped[0].0.as_deref(), Some("deep"));
        assert!(skipped[0].1.contains("128"), "{:?}", skipped);
    }

    #[test]
    fn a_body_that_is_not_a_page_keeps_its_error() {
        for body in [
            &b"<html>\xff</html>"[..],
            b"[1, 2, \xff]",
            b"{\"nodata\": \"\xff\"}",
        ] {
            assert!(matches!(
                parse_page_bytes(body, "text/html"),
                Err(ApiError::Malformed { .. })
            ));
        }
    }

    #[test]
    fn a_clean_body_takes_the_fast_path_unchanged() {
        let body = page_with(&[&good("a"), &good("b")]);
        let fast = parse_page(serde_json::from_slice::<Value>(&body).expect("json")).expect("page");
        assert_eq!(parse_page_bytes(&body, "").expect("page"), fast);
        assert_eq!(split_page(&body).expect("split"), fast, "both paths agree");
    }
}
