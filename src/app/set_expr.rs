//! The arguments of `:set key=value ...` and `:unset key ...`: metadata keys and JSON values
//! as typed, with errors positioned in the arguments like the filter syntax's.

use super::filter_expr::FilterError;
use serde_json::Value;
use std::ops::Range;

/// One `key=value` of `:set`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub key: String,
    pub value: Value,
}

/// A word as typed: its text (unquoted), whether any of it was quoted, and its span.
struct Piece {
    text: String,
    quoted: bool,
    span: Range<usize>,
}

fn error(span: Range<usize>, message: impl Into<String>) -> FilterError {
    FilterError {
        span,
        message: message.into(),
    }
}

/// Reads a key or value from `pos`: a quoted part (`\"` for a quote) or bare text up to
/// whitespace or `stop`.
fn piece(src: &str, mut pos: usize, stop: char) -> Result<(Piece, usize), FilterError> {
    let start = pos;
    if src[pos..].starts_with('"') {
        let mut text = String::new();
        let mut chars = src[pos + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    let end = pos + 1 + i + 1;
                    let span = start..end;
                    return Ok((
                        Piece {
                            text,
                            quoted: true,
                            span,
                        },
                        end,
                    ));
                }
                '\\' => match chars.next() {
                    Some((_, q)) => text.push(q),
                    None => break,
                },
                other => text.push(other),
            }
        }
        return Err(error(start..src.len(), "this quote is not closed"));
    }
    let len = src[pos..]
        .find(|c: char| c.is_whitespace() || c == stop)
        .unwrap_or(src.len() - pos);
    pos += len;
    let text = src[start..pos].to_owned();
    Ok((
        Piece {
            text,
            quoted: false,
            span: start..pos,
        },
        pos,
    ))
}

fn skip_ws(src: &str, pos: usize) -> usize {
    pos + src[pos..].len() - src[pos..].trim_start().len()
}

/// A typed value: quoted text stays text (`zip="0042"`); bare `true`/`false`/`null` and
/// numbers are JSON; anything else is text.
fn value_of(p: &Piece) -> Value {
    if p.quoted {
        return Value::String(p.text.clone());
    }
    match p.text.as_str() {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        text => serde_json::from_str::<serde_json::Number>(text)
            .map_or_else(|_| Value::String(text.to_owned()), Value::Number),
    }
}

/// `key=value` pairs, at least one, each key once.
pub fn assignments(src: &str) -> Result<Vec<Assignment>, FilterError> {
    let mut out: Vec<Assignment> = Vec::new();
    let mut pos = skip_ws(src, 0);
    while pos < src.len() {
        let (key, at) = piece(src, pos, '=')?;
        if key.text.is_empty() {
            return Err(error(
                key.span.start..key.span.start + 1,
                "a key comes first",
            ));
        }
        if !src[at..].starts_with('=') {
            return Err(error(key.span, "write key=value"));
        }
        let (value, end) = piece(src, at + 1, ' ')?;
        if value.text.is_empty() && !value.quoted {
            return Err(error(at..at + 1, "a value after = (\"\" for empty text)"));
        }
        if out.iter().any(|a| a.key == key.text) {
            return Err(error(key.span, "this key is set twice"));
        }
        out.push(Assignment {
            key: key.text,
            value: value_of(&value),
        });
        pos = skip_ws(src, end);
    }
    if out.is_empty() {
        let end = src.trim_end().len();
        return Err(error(end..end + 1, "give key=value"));
    }
    Ok(out)
}

/// Keys to remove, at least one, each once.
pub fn keys(src: &str) -> Result<Vec<String>, FilterError> {
    let mut out: Vec<String> = Vec::new();
    let mut pos = skip_ws(src, 0);
    while pos < src.len() {
        let (key, end) = piece(src, pos, ' ')?;
        if key.text.contains('=') && !key.quoted {
            return Err(error(key.span, ":unset takes keys only (:set sets values)"));
        }
        if out.contains(&key.text) {
            return Err(error(key.span, "this key is named twice"));
        }
        out.push(key.text);
        pos = skip_ws(src, end);
    }
    if out.is_empty() {
        let end = src.trim_end().len();
        return Err(error(end..end + 1, "give a key"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use serde_json::json;

    #[test]
    fn values_keep_their_json_types() {
        let got = assignments(r#" status=solved seats=3 price=1.50 vip=true owner=null zip="0042" "first name"="Olga K" "#)
            .expect("parses");
        let pairs: Vec<(String, Value)> = got.into_iter().map(|a| (a.key, a.value)).collect();
        assert_eq!(
            pairs,
            [
                ("status".to_owned(), json!("solved")),
                ("seats".to_owned(), json!(3)),
                (
                    "price".to_owned(),
                    serde_json::from_str::<Value>("1.50").expect("n")
                ),
                ("vip".to_owned(), json!(true)),
                ("owner".to_owned(), Value::Null),
                ("zip".to_owned(), json!("0042")),
                ("first name".to_owned(), json!("Olga K")),
            ]
        );
        assert_eq!(
            pairs[2].1.to_string(),
            "1.50",
            "the number is sent as typed"
        );
    }

    /// Each case: the arguments and the part the error underlines.
    #[rstest]
    #[case::no_value("status", "status")]
    #[case::empty_value("status= x=1", "=")]
    #[case::twice("a=1 a=2", "a")]
    #[case::open_quote(r#"a="open"#, r#""open"#)]
    #[case::nothing("   ", " ")]
    fn set_errors_point_at_the_fault(#[case] src: &str, #[case] underlined: &str) {
        let e = assignments(src).expect_err("must fail");
        let end = e.span.end.min(src.len() + 1);
        let shown = src.get(e.span.start..end).unwrap_or(" ");
        assert_eq!(shown, underlined, "{e:?}");
    }

    #[test]
    fn unset_takes_keys() {
        assert_eq!(
            keys(r#"assignee "first name""#).expect("keys"),
            ["assignee", "first name"]
        );
        assert!(keys("status=open").is_err());
        assert!(keys("a a").is_err());
    }
}
