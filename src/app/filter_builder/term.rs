//! One term of the filter builder as data (field, operator, values) and its spelling in the
//! `:filter` syntax, quoted wherever a bare word would parse back to something else.

/// What kind of values a field holds, which decides the operators offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Boolean,
    /// `createdAt` / `updatedAt`: compared in days.
    Date,
    /// The built-in `type`: names the type the filter searches.
    RecordType,
}

/// The built-in keys every record has, with their kinds.
pub const BUILT_INS: [(&str, Kind); 5] = [
    ("name", Kind::Text),
    ("type", Kind::RecordType),
    ("id", Kind::Text),
    ("createdAt", Kind::Date),
    ("updatedAt", Kind::Date),
];

impl Kind {
    /// The kind of a metadata key from the JSON types the schema saw it hold; text wins
    /// over anything mixed with it, because text operators work on any value.
    pub fn of_types(types: &[String]) -> Self {
        let has = |t: &str| types.iter().any(|x| x == t);
        if has("number") && !has("string") && !has("boolean") {
            Kind::Number
        } else if has("boolean") && !has("string") && !has("number") {
            Kind::Boolean
        } else {
            Kind::Text
        }
    }

    /// The operators that fit this kind, in the order offered.
    pub fn operators(self) -> &'static [Op] {
        use Op::*;
        match self {
            Kind::Text => &[Eq, Ne, Contains, Starts, Ends, In, NotIn, IsSet, IsNotSet],
            Kind::Number => &[Eq, Ne, Gt, Ge, Lt, Le, Between, IsSet, IsNotSet],
            Kind::Boolean => &[IsTrue, IsFalse, IsSet, IsNotSet],
            Kind::Date => &[Within, Older],
            Kind::RecordType => &[Eq],
        }
    }
}

/// An operator the builder offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Contains,
    Starts,
    Ends,
    In,
    NotIn,
    Gt,
    Ge,
    Lt,
    Le,
    Between,
    IsSet,
    IsNotSet,
    IsTrue,
    IsFalse,
    Within,
    Older,
}

/// How many values an operator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    None,
    One,
    /// One or more (a set).
    Many,
    /// Low and high.
    Two,
    /// A whole number of days.
    Days,
}

impl Op {
    /// The words shown in the operator list.
    pub fn label(self) -> &'static str {
        match self {
            Op::Eq => "= equals",
            Op::Ne => "!= does not equal",
            Op::Contains => "~ contains",
            Op::Starts => "^ starts with",
            Op::Ends => "$ ends with",
            Op::In => "= one of (in)",
            Op::NotIn => "!= none of (not in)",
            Op::Gt => "> greater than",
            Op::Ge => ">= at least",
            Op::Lt => "< less than",
            Op::Le => "<= at most",
            Op::Between => "= between (low..high)",
            Op::IsSet => "? is set",
            Op::IsNotSet => "!? is not set",
            Op::IsTrue => "= true",
            Op::IsFalse => "= false",
            Op::Within => "> within the last N days",
            Op::Older => "< older than N days",
        }
    }

    pub fn arity(self) -> Arity {
        match self {
            Op::IsSet | Op::IsNotSet | Op::IsTrue | Op::IsFalse => Arity::None,
            Op::In | Op::NotIn => Arity::Many,
            Op::Between => Arity::Two,
            Op::Within | Op::Older => Arity::Days,
            _ => Arity::One,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Eq | Op::In | Op::Between | Op::IsTrue | Op::IsFalse => "=",
            Op::Ne | Op::NotIn => "!=",
            Op::Contains => "~",
            Op::Starts => "^",
            Op::Ends => "$",
            Op::Gt | Op::Within => ">",
            Op::Ge => ">=",
            Op::Lt | Op::Older => "<",
            Op::Le => "<=",
            Op::IsSet | Op::IsNotSet => "?",
        }
    }
}

/// One finished term: `field op values`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub field: String,
    /// A built-in key (`type` then names the type searched, not a metadata key).
    pub built_in: bool,
    pub kind: Kind,
    pub op: Op,
    pub values: Vec<String>,
}

impl Term {
    /// The term as `:filter` syntax that parses back to this very condition.
    pub fn spell(&self) -> String {
        let key = spell_key(&self.field, self.built_in);
        let values = |sep: &str| {
            self.values
                .iter()
                .map(|v| self.spell_value(v))
                .collect::<Vec<_>>()
                .join(sep)
        };
        match self.op {
            Op::IsSet => format!("{key}?"),
            Op::IsNotSet => format!("!{key}?"),
            Op::IsTrue => format!("{key}=true"),
            Op::IsFalse => format!("{key}=false"),
            Op::Within | Op::Older => format!("{key}{}{}d", self.op.symbol(), values("")),
            Op::Between => format!("{key}={}", values("..")),
            op => format!("{key}{}{}", op.symbol(), values(",")),
        }
    }

    fn spell_value(&self, value: &str) -> String {
        match (self.kind, self.op) {
            (Kind::Date, _) => value.to_owned(),
            (Kind::Number, _) if is_number(value) => value.to_owned(),
            _ => spell_text(value),
        }
    }
}

/// A metadata key that would not read back as itself bare is quoted; a metadata key named
/// `type` is quoted so it is not taken for the record's type.
pub fn spell_key(key: &str, built_in: bool) -> String {
    let plain = !key.is_empty()
        && !key.starts_with('!')
        && !key
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "=!<>~^$?\",\\".contains(c))
        && (built_in || key != "type");
    if plain { key.to_owned() } else { quote(key) }
}

/// Text bare only when the parser would read it back as the same text: no spaces, quotes,
/// list separators, and not a word that means something else (`true`, `null`, `12`).
pub fn spell_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains("..")
        // Next to a `..` separator a dot at either end would run into it.
        && !text.starts_with('.')
        && !text.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./@:+#".contains(c))
        && !matches!(text, "true" | "false" | "null")
        && !is_number(text);
    if plain { text.to_owned() } else { quote(text) }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A JSON number as the parser reads one (it starts with a digit or `-`).
pub fn is_number(text: &str) -> bool {
    text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        && serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.is_number())
}

/// A whole number of days, as `within`/`older than` take.
pub fn is_days(text: &str) -> bool {
    !text.is_empty() && text.len() <= 6 && text.chars().all(|c| c.is_ascii_digit())
}

/// The terms as one `:filter` line (ANDed, separated by spaces).
pub fn spell_all(terms: &[Term]) -> String {
    terms.iter().map(Term::spell).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
