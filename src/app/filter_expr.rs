//! The `:filter` syntax: one line of terms, parsed and compiled into the typed
//! [`RecordFilter`], with every error pointing at the part of the line at fault.
//!
//! Terms are ANDed; `or` between terms joins them into one OR group (the API allows two
//! levels, so an OR group holds conditions only). `type=NAME` names the type to search.

use crate::api::filter::{Condition, Group, Node, Op, RecordFilter, SubGroup, Where};
use serde_json::Value;
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

/// A typed value: quoted text stays text; bare `true`, `false`, `null` and numbers are typed.
fn typed(item: &Item) -> Value {
    if item.quoted {
        return Value::String(item.text.clone());
    }
    match item.text.as_str() {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        t => number(t).unwrap_or_else(|| Value::String(t.to_owned())),
    }
}

/// A JSON number exactly as typed (long decimals keep their digits).
fn number(text: &str) -> Option<Value> {
    let first = text.chars().next()?;
    if first != '-' && !first.is_ascii_digit() {
        return None;
    }
    serde_json::from_str::<Value>(text)
        .ok()
        .filter(Value::is_number)
}

/// `7d`: a number of days, for `updatedAt<7d` (older than) and `updatedAt>7d` (within).
fn days(item: &Item) -> Option<Value> {
    if item.quoted {
        return None;
    }
    item.text
        .strip_suffix('d')
        .and_then(number)
        .filter(|n| !n.to_string().starts_with('-'))
}

fn compile(
    key: Item,
    sym: Sym,
    op_span: Range<usize>,
    items: Vec<Item>,
    sep: Sep,
) -> Result<Term, FilterError> {
    if key.text == "type" && !key.quoted {
        return compile_type(sym, op_span, &items, sep);
    }
    let field = key.text;
    let one = |op: Op, v: Value| Ok(Term::Cond(Condition::new(field.clone(), op, v)));
    match (sym, sep) {
        (Sym::Eq | Sym::Ne, Sep::List) => {
            let op = if sym == Sym::Eq { Op::In } else { Op::NotIn };
            one(op, Value::Array(items.iter().map(typed).collect()))
        }
        (Sym::Eq, Sep::Range) => match items.as_slice() {
            [lo, hi] => one(Op::Between, Value::Array(vec![typed(lo), typed(hi)])),
            more => Err(error(
                more[2].span.clone(),
                "between takes two values: low..high",
            )),
        },
        (Sym::Ne, Sep::Range) => Err(error(op_span, "`..` (between) goes only with `=`")),
        (Sym::Eq, _) => Ok(Term::Cond(equals(field, typed(&items[0])))),
        (Sym::Ne, _) => match typed(&items[0]) {
            Value::Null => Ok(Term::Cond(Condition::unary(field, Op::IsSet))),
            v => one(Op::Neq, v),
        },
        (Sym::Contains, _) => one(Op::Contains, Value::String(items[0].text.clone())),
        (Sym::Starts, _) => one(Op::StartsWith, Value::String(items[0].text.clone())),
        (Sym::Ends, _) => one(Op::EndsWith, Value::String(items[0].text.clone())),
        (Sym::Gt | Sym::Ge | Sym::Lt | Sym::Le, _) => compare(field, sym, &items[0]),
    }
}

/// `key=true` and `key=false` ask whether the value is that boolean; `key=null` whether it
/// is unset (the API has no "equals null").
fn equals(field: String, value: Value) -> Condition {
    match value {
        Value::Bool(true) => Condition::unary(field, Op::IsTrue),
        Value::Bool(false) => Condition::unary(field, Op::IsFalse),
        Value::Null => Condition::unary(field, Op::IsNotSet),
        v => Condition::new(field, Op::Eq, v),
    }
}

fn compare(field: String, sym: Sym, item: &Item) -> Result<Term, FilterError> {
    if let Some(n) = days(item) {
        let op = match sym {
            Sym::Gt => Op::WithinLastDays,
            Sym::Lt => Op::OlderThanDays,
            _ => {
                return Err(error(
                    item.span.clone(),
                    "days go with `<` (older than) or `>` (within the last)",
                ));
            }
        };
        return Ok(Term::Cond(Condition::new(field, op, n)));
    }
    let op = match sym {
        Sym::Gt => Op::Gt,
        Sym::Ge => Op::Gte,
        Sym::Lt => Op::Lt,
        _ => Op::Lte,
    };
    match typed(item) {
        v @ (Value::Number(_) | Value::String(_)) => Ok(Term::Cond(Condition::new(field, op, v))),
        _ => Err(error(
            item.span.clone(),
            "compare with a number, a date or text (quote it to mean the word)",
        )),
    }
}

fn compile_type(
    sym: Sym,
    op_span: Range<usize>,
    items: &[Item],
    sep: Sep,
) -> Result<Term, FilterError> {
    if sym != Sym::Eq {
        return Err(error(op_span, "type takes `=` and one name: type=ticket"));
    }
    match items {
        [one] if sep == Sep::One && !one.text.is_empty() => Ok(Term::Type(one.text.clone())),
        [one] => Err(error(one.span.clone(), "a type name cannot be empty")),
        [_, second, ..] => Err(error(
            second.span.clone(),
            "a filter searches one type: type=ticket",
        )),
        [] => Err(error(op_span, "type takes one name: type=ticket")),
    }
}

/// Collects terms into OR chains (each one group) that are then ANDed.
#[derive(Default)]
struct Builder {
    record_type: Option<String>,
    chains: Vec<Vec<Condition>>,
    last_was_type: bool,
    pending_or: Option<Range<usize>>,
}

const TYPE_IN_OR: &str = "type= cannot be part of an `or`: a filter searches one type";

impl Builder {
    fn or(&mut self, span: Range<usize>) -> Result<(), FilterError> {
        if self.pending_or.is_some() {
            return Err(error(span, "`or` twice in a row"));
        }
        if self.last_was_type {
            return Err(error(span, TYPE_IN_OR));
        }
        if self.chains.is_empty() {
            return Err(error(span, "`or` needs a term before it"));
        }
        self.pending_or = Some(span);
        Ok(())
    }

    fn push(&mut self, term: Term, span: Range<usize>) -> Result<(), FilterError> {
        match term {
            Term::Type(name) => {
                if self.pending_or.is_some() {
                    return Err(error(span, TYPE_IN_OR));
                }
                if let Some(before) = self.record_type.as_ref().filter(|b| **b != name) {
                    let message = format!("a second type: this filter already searches {before}");
                    return Err(error(span, message));
                }
                self.record_type = Some(name);
                self.last_was_type = true;
            }
            Term::Cond(c) => {
                match (self.pending_or.take(), self.chains.last_mut()) {
                    (Some(_), Some(chain)) => chain.push(c),
                    _ => self.chains.push(vec![c]),
                }
                self.last_was_type = false;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<FilterExpr, FilterError> {
        if let Some(span) = self.pending_or {
            return Err(error(span, "`or` needs a term after it"));
        }
        let mut nodes: Vec<Node> = self.chains.into_iter().map(chain_node).collect();
        let where_ = match nodes.len() {
            0 => None,
            1 => Some(match nodes.remove(0) {
                Node::Condition(c) => Where::Condition(c),
                Node::Group(g) => {
                    Where::Group(Group::any(g.conditions.into_iter().map(Node::from)))
                }
            }),
            _ => Some(Where::Group(Group::all(nodes))),
        };
        Ok(FilterExpr {
            record_type: self.record_type,
            where_,
        })
    }
}

fn chain_node(mut chain: Vec<Condition>) -> Node {
    if chain.len() == 1 {
        return Node::Condition(chain.remove(0));
    }
    Node::Group(SubGroup {
        op: crate::api::filter::Combinator::Or,
        conditions: chain,
    })
}

#[cfg(test)]
mod tests;
