//! The `F` filter builder: pick a field, an operator that fits it and a value, term after
//! term, watching the `:filter` line it makes and the server's match count; `Enter` runs
//! that line exactly as `:filter` would and keeps it in the history.

pub mod term;

mod count;
mod fields;
mod keys;

use fields::field_choices;
pub use fields::{FieldInfo, FieldReport, field_report};

use super::remote::Remote;
use super::{App, Effect, Ticket};
use crate::api::ApiError;
use term::{Kind, Op, Term};

/// Where the builder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// No type is in effect: pick the one to search first.
    Type,
    Field,
    Operator,
    Value,
    /// Terms so far: `Enter` applies, `a` adds another, `Backspace` drops the last.
    Review,
}

/// The match count of the line built so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Count {
    #[default]
    Unknown,
    Counting,
    Matches(u64),
    Failed(String),
}

/// One row of the list the current step offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    /// Type and count, or how many records hold a value.
    pub detail: String,
    /// One of the keys every record has (not a metadata key of that name).
    pub built_in: bool,
}

/// The field being made into a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub name: String,
    pub built_in: bool,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Builder {
    pub step: Step,
    /// The type searched: the one in effect, or the one picked here.
    pub record_type: Option<String>,
    /// The type was picked here, so the line names it (`type=...`).
    pub own_type: bool,
    pub terms: Vec<Term>,
    /// What is typed in this step: narrows the list, or is the value.
    pub typed: String,
    /// The highlighted row of the list; `None`: the typed text is what `Enter` takes.
    pub selected: Option<usize>,
    pub fields: Remote<FieldReport>,
    pub field: Option<Picked>,
    pub op: Option<Op>,
    /// Values taken so far for the term in progress (a set, or low then high).
    pub values: Vec<String>,
    /// The `field-values` request the value list waits for.
    pub values_wait: Option<Ticket>,
    pub count: Count,
    /// The preview whose answer counts; older ones are dropped.
    pub count_wait: Option<Ticket>,
    /// The pause after typing a value, before its count is asked.
    pub count_due: Option<Ticket>,
    /// Why `Enter` did nothing (a value is needed, days are whole numbers...).
    pub hint: Option<String>,
    /// `Enter` came while the fields were still on their way: it picks once they are here,
    /// and the keys typed after it wait with it (typed `stat` then Enter means `status`).
    pub held: Option<Vec<crossterm::event::KeyEvent>>,
}

impl Builder {
    fn new(record_type: Option<String>) -> Self {
        Self {
            step: if record_type.is_some() {
                Step::Field
            } else {
                Step::Type
            },
            record_type,
            own_type: false,
            terms: Vec::new(),
            typed: String::new(),
            selected: None,
            fields: Remote::NotAsked,
            field: None,
            op: None,
            values: Vec::new(),
            values_wait: None,
            count: Count::Unknown,
            count_wait: None,
            count_due: None,
            hint: None,
            held: None,
        }
    }

    /// Moves to a step with nothing typed and the first row highlighted.
    fn go(&mut self, step: Step) {
        self.step = step;
        self.typed.clear();
        self.selected = Some(0);
        self.hint = None;
    }

    /// The `:filter` line of the finished terms (what `Enter` applies).
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.record_type.as_deref().filter(|_| self.own_type) {
            parts.push(format!("type={}", term::spell_text(t)));
        }
        parts.extend(self.terms.iter().map(Term::spell));
        parts.join(" ")
    }

    /// The line with the term in progress, as far as it goes, for the live view.
    pub fn line_so_far(&self) -> String {
        let line = self.line();
        let Some(draft) = self.draft() else {
            return line;
        };
        if line.is_empty() {
            draft
        } else {
            format!("{line} {draft}")
        }
    }

    fn draft(&self) -> Option<String> {
        let field = self.field.as_ref()?;
        let key = term::spell_key(&field.name, field.built_in);
        let Some(op) = self.op else {
            return Some(key);
        };
        let mut values = self.values.clone();
        if !self.typed.is_empty() {
            values.push(self.typed.clone());
        }
        let spelled = term_of(field, op, values.clone()).spell();
        // Before a value is there, show the key and operator with a gap for it.
        Some(if values.is_empty() && op.arity() != term::Arity::None {
            format!("{spelled}…")
        } else {
            spelled
        })
    }
}

fn term_of(field: &Picked, op: Op, values: Vec<String>) -> Term {
    // A set of one is plain (in)equality: the line then reads back as what it says.
    let op = match (op, values.len()) {
        (Op::In, 1) => Op::Eq,
        (Op::NotIn, 1) => Op::Ne,
        (op, _) => op,
    };
    Term {
        field: field.name.clone(),
        built_in: field.built_in,
        kind: field.kind,
        op,
        values,
    }
}

fn contains(text: &str, typed: &str) -> bool {
    text.to_lowercase().contains(&typed.to_lowercase())
}

impl App {
    /// `F`: opens the builder over the list, at the type when none is in effect.
    pub(super) fn open_filter_builder(&mut self) -> Vec<Effect> {
        let mut b = Builder::new(self.list.filter.record_type.clone());
        b.selected = Some(0);
        self.builder = Some(Box::new(b));
        let mut effects = self.builder_load_fields();
        effects.extend(self.builder_refresh_count());
        effects
    }

    /// What the current step lists, narrowed by the text typed.
    pub fn builder_choices(&self) -> Vec<Choice> {
        let Some(b) = self.builder.as_deref() else {
            return Vec::new();
        };
        match b.step {
            Step::Type => self.type_choices(&b.typed).into_iter().map(plain).collect(),
            Step::Field => field_choices(b),
            Step::Operator => b.field.as_ref().map_or_else(Vec::new, |f| {
                f.kind
                    .operators()
                    .iter()
                    .map(|o| plain(o.label().to_owned()))
                    .collect()
            }),
            Step::Value => self.builder_value_choices(b),
            Step::Review => Vec::new(),
        }
    }

    fn builder_value_choices(&self, b: &Builder) -> Vec<Choice> {
        let (Some(t), Some(f)) = (b.record_type.as_ref(), b.field.as_ref()) else {
            return Vec::new();
        };
        let values = self.known.values.get(&(t.clone(), f.name.clone()));
        values
            .into_iter()
            .flatten()
            .filter(|(v, _)| contains(v, &b.typed) && !b.values.contains(v))
            .map(|(v, n)| Choice {
                text: v.clone(),
                detail: n.to_string(),
                built_in: false,
            })
            .collect()
    }

    /// Asks for the schema of the type searched, unless it is here or on its way.
    fn builder_load_fields(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let Some(record_type) = b.record_type.clone() else {
            return Vec::new();
        };
        b.fields = Remote::Loading(ticket);
        vec![Effect::LoadFields {
            ticket,
            record_type,
        }]
    }

    /// Asks for the common values of the field picked (not for built-ins or dates).
    fn builder_load_values(&mut self) -> Vec<Effect> {
        let ticket = self.ticket();
        let Some(b) = self.builder.as_deref_mut() else {
            return Vec::new();
        };
        let (Some(record_type), Some(f)) = (b.record_type.clone(), b.field.as_ref()) else {
            return Vec::new();
        };
        let key = (record_type.clone(), f.name.clone());
        if f.built_in || self.known.values.contains_key(&key) {
            return Vec::new();
        }
        b.values_wait = Some(ticket);
        vec![Effect::LoadFieldValues {
            ticket,
            record_type,
            field: f.name.clone(),
        }]
    }

    pub(super) fn builder_owns(&self, ticket: Ticket) -> bool {
        self.builder.as_deref().is_some_and(|b| {
            [b.values_wait, b.count_wait, b.count_due].contains(&Some(ticket))
                || b.fields.awaits(ticket)
        })
    }

    pub(super) fn on_fields_loaded(
        &mut self,
        ticket: Ticket,
        result: Result<FieldReport, ApiError>,
    ) -> Vec<Effect> {
        if let Some(b) = self
            .builder
            .as_deref_mut()
            .filter(|b| b.fields.awaits(ticket))
        {
            b.fields = match result {
                Ok(report) => Remote::Loaded(report),
                Err(e) => Remote::Failed(e),
            };
            if let Some(held) = b.held.take() {
                return self.builder_release(held);
            }
        }
        Vec::new()
    }

    pub(super) fn on_builder_values(
        &mut self,
        key: (String, String),
        result: Result<Vec<(String, u64)>, ApiError>,
    ) -> Vec<Effect> {
        if let Some(b) = self.builder.as_deref_mut() {
            b.values_wait = None;
        }
        // Kept where Tab completion looks too: one request serves both.
        self.known.values.insert(key, result.unwrap_or_default());
        // The list just filled in: its first row (among those matching what was typed
        // meanwhile) is what Enter takes.
        let n = self.builder_choices().len();
        if let Some(b) = self
            .builder
            .as_deref_mut()
            .filter(|b| b.step == Step::Value)
        {
            b.selected = b.selected.or((n > 0).then_some(0));
        }
        self.builder_count_soon()
    }
}

fn plain(text: String) -> Choice {
    Choice {
        text,
        detail: String::new(),
        built_in: false,
    }
}

#[cfg(test)]
mod tests;
