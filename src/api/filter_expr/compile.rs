//! Turns parsed terms into conditions (choosing the API op from the operator and the value
//! typed) and collects them into OR chains that are ANDed.

use super::{FilterError, FilterExpr, Item, Sep, Sym, Term, error};
use crate::api::filter::{Combinator, Condition, Group, Node, Op, SubGroup, Where};
use serde_json::Value;
use std::ops::Range;

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

pub(super) fn compile(
    key: Item,
    sym: Sym,
    op_span: Range<usize>,
    items: Vec<Item>,
    sep: Sep,
) -> Result<Term, FilterError> {
    if key.text == "type" && !key.quoted {
        return compile_type(sym, op_span, &items, sep);
    }
    if let Some(first) = items
        .first()
        .filter(|i| !i.quoted && i.text.starts_with('='))
        && matches!(sym, Sym::Eq | Sym::Ne)
    {
        let at = op_span.start..first.span.start + 1;
        let op = if sym == Sym::Eq { "=" } else { "!=" };
        return Err(error(
            at,
            format!("one `{op}` is enough: write {}{op}value", key.text),
        ));
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
    if DATE_KEYS.contains(&field.as_str()) && !item.quoted && !looks_like_date(&item.text) {
        return Err(error(
            item.span.clone(),
            format!(
                "`{}` is not a date here: write days (7d) or a date (2026-01-31)",
                item.text
            ),
        ));
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

/// The record's own timestamps: compared with days or a date, never with a bare word.
const DATE_KEYS: [&str; 2] = ["createdAt", "updatedAt"];

/// `2026-01-31`, optionally with a time after it (`2026-01-31T12:00:00Z`).
fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
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
pub(super) struct Builder {
    record_type: Option<String>,
    chains: Vec<Vec<Condition>>,
    last_was_type: bool,
    pending_or: Option<Range<usize>>,
}

const TYPE_IN_OR: &str = "type= cannot be part of an `or`: a filter searches one type";

impl Builder {
    pub(super) fn or(&mut self, span: Range<usize>) -> Result<(), FilterError> {
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

    pub(super) fn push(&mut self, term: Term, span: Range<usize>) -> Result<(), FilterError> {
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

    pub(super) fn finish(self) -> Result<FilterExpr, FilterError> {
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
        op: Combinator::Or,
        conditions: chain,
    })
}
