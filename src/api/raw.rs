//! List pages as the server sent them, for copying records out (the JSON Lines export)
//! without decoding each record into types and spelling it again.

use super::client::Client;
use super::error::{ApiError, MalformedKind};
use super::query::ListQuery;
use super::types::Pagination;
use bytes::Bytes;
use reqwest::Method;
use serde::Deserialize;
use serde_json::value::RawValue;

/// One list page, its records left as the raw JSON text of each item.
#[derive(Debug)]
pub struct RawPage<'a> {
    pub items: Vec<&'a RawValue>,
    pub pagination: Pagination,
}

#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    data: Vec<&'a RawValue>,
    #[serde(default)]
    pagination: Pagination,
}

impl<'a> RawPage<'a> {
    /// Splits a page body into its items; only the page's outline is checked.
    pub fn parse(body: &'a [u8]) -> Result<Self, ApiError> {
        let wire: Wire<'a> = serde_json::from_slice(body).map_err(|e| ApiError::Malformed {
            kind: if e.is_eof() {
                MalformedKind::Incomplete
            } else if e.is_data() {
                MalformedKind::WrongShape
            } else {
                MalformedKind::NotJson
            },
            detail: e.to_string(),
        })?;
        Ok(Self {
            items: wire.data,
            pagination: wire.pagination,
        })
    }

    /// The cursor of the next page, when the server says there is one.
    pub fn next_cursor(&self) -> Option<&str> {
        let p = &self.pagination;
        p.next_cursor.as_deref().filter(|_| p.has_more)
    }
}

/// Writes one item as one line: as sent, with any layout between tokens dropped when it
/// spans lines (JSON strings never hold a raw line break; numbers keep their spelling).
pub fn write_line(out: &mut impl std::io::Write, item: &RawValue) -> std::io::Result<()> {
    let text = item.get().as_bytes();
    if memchr::memchr2(b'\n', b'\r', text).is_none() {
        out.write_all(text)?;
    } else {
        out.write_all(&compact(text))?;
    }
    out.write_all(b"\n")
}

/// Valid JSON without the whitespace outside its strings.
fn compact(text: &[u8]) -> Vec<u8> {
    let mut kept = Vec::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b.is_ascii_whitespace() {
            continue;
        }
        kept.push(b);
    }
    kept
}

impl Client {
    /// `GET /v1/records`, the body unparsed (retried and size-capped like every call).
    pub async fn list_records_raw(&self, query: &ListQuery) -> Result<Bytes, ApiError> {
        let url = self.endpoint(&[], &query.to_pairs());
        self.call_with(Method::GET, url, None, |bytes, _| {
            Ok(Bytes::copy_from_slice(bytes))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_splits_into_items_and_the_next_cursor() {
        let body = br#"{"data":[{"id":"a","n":1E+2},{"id":"b"}],"pagination":{"hasMore":true,"nextCursor":"c2"}}"#;
        let page = RawPage::parse(body).expect("parses");
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].get(), r#"{"id":"a","n":1E+2}"#);
        assert_eq!(page.next_cursor(), Some("c2"));
    }

    #[test]
    fn no_next_cursor_on_the_last_page() {
        let body = br#"{"data":[],"pagination":{"hasMore":false,"nextCursor":"c2"}}"#;
        let page = RawPage::parse(body).expect("parses");
        assert_eq!(page.next_cursor(), None);
    }

    #[test]
    fn a_body_without_data_is_malformed() {
        let err = RawPage::parse(br#"{"items":[]}"#).expect_err("no data");
        assert!(matches!(err, ApiError::Malformed { .. }), "{err:?}");
        let err = RawPage::parse(b"<html>").expect_err("not json");
        assert!(matches!(err, ApiError::Malformed { .. }), "{err:?}");
    }

    #[test]
    fn an_item_on_several_lines_becomes_one_line_with_numbers_kept() {
        let body = b"{\"data\":[{\n  \"id\": \"a b\\\" c\",\n  \"n\": 1E+2\n}]}";
        let page = RawPage::parse(body).expect("parses");
        let mut out = Vec::new();
        write_line(&mut out, page.items[0]).expect("writes");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "{\"id\":\"a b\\\" c\",\"n\":1E+2}\n"
        );
    }
}
