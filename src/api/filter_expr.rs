//! The `:filter` syntax: one line of terms, parsed and compiled into the typed
//! [`RecordFilter`], with every error pointing at the part of the line at fault.
//!
//! Terms are ANDed; `or` between terms joins them into one OR group (the API allows two
//! levels, so an OR group holds conditions only). `type=NAME` names the type to search.

use crate::api::filter::{Condition, Op, RecordFilter, Where};
use compile::{Builder, compile};
use std::ops::Range;

/// A problem in a filter line: `span` is a byte range of the input (never empty, always on
/// character boundaries), so the prompt can underline exactly the part at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FilterError {
    pub span: Range<usize>,
    pub message: String,
}

/// What a line says: the type it names (if any) and its conditions (if any).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterExpr {
    pub record_type: Option<String>,
    pub where_: Option<Where>,
}

impl FilterExpr {
    /// The filter to send: the line's own type, else `fallback`; `None` without either,
    /// because the API's filter always searches one type.
    pub fn to_filter(&self, fallback: Option<&str>) -> Option<RecordFilter> {
        let record_type = self.record_type.as_deref().or(fallback)?;
        Some(RecordFilter {
            record_type: record_type.to_owned(),
            where_: self.where_.clone(),
        })
    }
}

/// Characters that end a bare key: the operators and a quote.
const KEY_STOPS: &str = "=!<>~^$?\"";

/// The operators as typed, longest first so `!=` is not read as `!`.
const OPERATORS: [(&str, Sym); 9] = [
    ("!=", Sym::Ne),
    (">=", Sym::Ge),
    ("<=", Sym::Le),
    ("=", Sym::Eq),
    (">", Sym::Gt),
    ("<", Sym::Lt),
    ("~", Sym::Contains),
    ("^", Sym::Starts),
    ("$", Sym::Ends),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sym {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Contains,
    Starts,
    Ends,
}

/// How the values after an operator were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    One,
    List,
    Range,
}

/// A key or a value as typed: its text (unquoted) and where it stands.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    quoted: bool,
    span: Range<usize>,
}

enum Term {
    Type(String),
    Cond(Condition),
}

fn error(span: Range<usize>, message: impl Into<String>) -> FilterError {
    FilterError {
        span,
        message: message.into(),
    }
}

/// Parses and compiles a filter line. An empty line is an empty filter.
pub fn parse(input: &str) -> Result<FilterExpr, FilterError> {
    let mut cursor = Cursor { src: input, pos: 0 };
    let mut builder = Builder::default();
    loop {
        cursor.skip_ws();
        let start = cursor.pos;
        if cursor.peek().is_none() {
            break;
        }
        if cursor.eat_word_or() {
            builder.or(start..cursor.pos)?;
            continue;
        }
        let term = cursor.term()?;
        builder.push(term, start..cursor.pos)?;
    }
    builder.finish()
}

struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    fn at_boundary(&self) -> bool {
        self.peek().is_none_or(char::is_whitespace)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// The span of the character at the cursor (or of the last one, at the end).
    fn char_span(&self) -> Range<usize> {
        match self.peek() {
            Some(c) => self.pos..self.pos + c.len_utf8(),
            None => {
                let last = self.src[..self.pos]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                self.pos - last..self.pos
            }
        }
    }

    fn eat_word_or(&mut self) -> bool {
        let rest = self.rest();
        let is_or = rest.get(..2).is_some_and(|w| w.eq_ignore_ascii_case("or"))
            && rest[2..].chars().next().is_none_or(char::is_whitespace);
        if is_or {
            self.pos += 2;
        }
        is_or
    }

    fn quoted(&mut self) -> Result<Item, FilterError> {
        let start = self.pos;
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => return Err(error(start..self.pos, "this quote is never closed")),
                Some('"') => break,
                Some('\\') => match self.bump() {
                    Some(c) => text.push(c),
                    None => return Err(error(start..self.pos, "this quote is never closed")),
                },
                Some(c) => text.push(c),
            }
        }
        Ok(Item {
            text,
            quoted: true,
            span: start..self.pos,
        })
    }

    fn bare(&mut self, stop: impl Fn(char, &str) -> bool) -> Item {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || stop(c, self.rest()) {
                break;
            }
            self.bump();
        }
        Item {
            text: self.src[start..self.pos].to_owned(),
            quoted: false,
            span: start..self.pos,
        }
    }

    fn key(&mut self) -> Result<Item, FilterError> {
        if self.peek() == Some('"') {
            return self.quoted();
        }
        Ok(self.bare(|c, _| KEY_STOPS.contains(c)))
    }

    fn operator(&mut self) -> Option<Sym> {
        let found = OPERATORS.iter().find(|(s, _)| self.rest().starts_with(s));
        found.map(|(s, sym)| {
            self.pos += s.len();
            *sym
        })
    }

    fn term(&mut self) -> Result<Term, FilterError> {
        let start = self.pos;
        let negated = self.eat("!");
        let key = self.key()?;
        if key.text.is_empty() {
            let end = if key.quoted {
                key.span.end
            } else {
                self.char_span().end
            };
            return Err(error(start..end.max(start + 1), empty_key_message(negated)));
        }
        if self.eat("?") {
            if !self.at_boundary() {
                return Err(error(self.char_span(), "put a space after `?`"));
            }
            let op = if negated { Op::IsNotSet } else { Op::IsSet };
            return Ok(Term::Cond(Condition::unary(key.text, op)));
        }
        if negated {
            return Err(error(
                start..start + 1,
                "`!` goes only before key? (not set); for not equal write key!=value",
            ));
        }
        let op_start = self.pos;
        let Some(sym) = self.operator() else {
            return Err(self.missing_operator(&key));
        };
        let op_span = op_start..self.pos;
        if self.at_boundary() {
            let op = &self.src[op_span.clone()];
            return Err(error(op_span, format!("a value is needed after `{op}`")));
        }
        let (items, sep) = self.values(matches!(sym, Sym::Eq | Sym::Ne))?;
        compile(key, sym, op_span, items, sep)
    }

    fn missing_operator(&self, key: &Item) -> FilterError {
        if self.at_boundary() {
            let k = &key.text;
            return error(
                key.span.clone(),
                format!("`{k}` needs an operator and a value, e.g. {k}=value"),
            );
        }
        let c = self.peek().unwrap_or('?');
        error(self.char_span(), format!("`{c}` is not an operator here"))
    }

    /// The values after an operator; `list` allows `a,b,c` and `low..high` (after = and !=).
    fn values(&mut self, list: bool) -> Result<(Vec<Item>, Sep), FilterError> {
        let mut items = Vec::new();
        let mut sep = Sep::One;
        let mut last_sep: Option<Range<usize>> = None;
        loop {
            let item = if self.peek() == Some('"') {
                self.quoted()?
            } else if list {
                self.bare(|c, rest| c == ',' || rest.starts_with(".."))
            } else {
                self.bare(|_, _| false)
            };
            if item.text.is_empty() && !item.quoted {
                let span = last_sep.filter(|_| self.at_boundary());
                return Err(error(
                    span.unwrap_or_else(|| self.char_span()),
                    "a value is missing here; write \"\" for empty text",
                ));
            }
            items.push(item);
            if self.at_boundary() {
                return Ok((items, sep));
            }
            let here = self.pos;
            let next = if !list {
                None
            } else if self.eat("..") {
                Some(Sep::Range)
            } else if self.eat(",") {
                Some(Sep::List)
            } else {
                None
            };
            let Some(next) = next else {
                return Err(error(self.char_span(), "put a space between terms"));
            };
            if sep != Sep::One && sep != next {
                return Err(error(
                    here..self.pos,
                    "use either `,` (any of) or `..` (between), not both",
                ));
            }
            sep = next;
            last_sep = Some(here..self.pos);
        }
    }
}

fn empty_key_message(negated: bool) -> &'static str {
    if negated {
        "`!` needs a key after it: !key? means the key is not set"
    } else {
        "a term starts with a key, e.g. status=open"
    }
}

mod compile;

#[cfg(test)]
mod tests;
