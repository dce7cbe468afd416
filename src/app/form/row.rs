//! One metadata row of the form: key, value text, and the value's JSON type.

use super::text_field::TextField;
use serde_json::Value;

/// The JSON type a metadata value is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Number,
    Boolean,
    Null,
    Json,
}

impl ValueKind {
    pub fn of(value: &Value) -> Self {
        match value {
            Value::String(_) => Self::String,
            Value::Number(_) => Self::Number,
            Value::Bool(_) => Self::Boolean,
            Value::Null => Self::Null,
            Value::Array(_) | Value::Object(_) => Self::Json,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Null => "null",
            Self::Json => "JSON",
        }
    }

    /// The next type in the cycle the user steps through.
    pub fn next(self) -> Self {
        match self {
            Self::String => Self::Number,
            Self::Number => Self::Boolean,
            Self::Boolean => Self::Null,
            Self::Null => Self::Json,
            Self::Json => Self::String,
        }
    }
}

/// The editable text of a value. Strings are shown raw; nested values pretty-printed.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => {
            serde_json::to_string_pretty(value).unwrap_or_default()
        }
        other => other.to_string(),
    }
}

/// Reads typed text back as a value of `kind`, or says what is wrong with it.
pub fn parse_value(kind: ValueKind, text: &str) -> Result<Value, String> {
    match kind {
        ValueKind::String => Ok(Value::String(text.to_owned())),
        ValueKind::Null => Ok(Value::Null),
        ValueKind::Boolean => match text.trim() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err("type true or false".to_owned()),
        },
        ValueKind::Number => match serde_json::from_str::<Value>(text.trim()) {
            // With arbitrary precision `1e999` parses, but no JSON reader makes it a finite
            // number: it would be stored as something other than what was typed.
            Ok(v @ Value::Number(_)) if v.as_f64().is_some_and(f64::is_finite) => Ok(v),
            Ok(Value::Number(_)) => Err("too large to be a finite number".to_owned()),
            _ => Err("not a number (e.g. 42, -3.5, 1e9)".to_owned()),
        },
        ValueKind::Json => {
            serde_json::from_str::<Value>(text).map_err(|e| format!("invalid JSON: {e}"))
        }
    }
}

/// A metadata row and, when it came from the record, what it was.
#[derive(Debug, Clone)]
pub struct MetaRow {
    pub key: TextField,
    pub value: TextField,
    pub kind: ValueKind,
    pub original: Option<(String, Value)>,
    /// The text set aside while the value is null (a null shows no text), given back when
    /// the type moves on.
    pub held: Option<String>,
}

impl MetaRow {
    pub fn from_entry(key: &str, value: &Value) -> Self {
        Self {
            key: TextField::new(key, false),
            value: TextField::new(&value_text(value), true),
            kind: ValueKind::of(value),
            original: Some((key.to_owned(), value.clone())),
            held: None,
        }
    }

    pub fn blank() -> Self {
        Self {
            key: TextField::new("", false),
            value: TextField::new("", true),
            kind: ValueKind::String,
            original: None,
            held: None,
        }
    }

    /// Steps to the next type. Null clears the text (keeping it aside); the type after null
    /// gets the text back.
    pub fn cycle_kind(&mut self) {
        let next = self.kind.next();
        if next == ValueKind::Null {
            self.held = Some(self.value.text());
            self.value = TextField::new("", true);
        } else if let Some(text) = self.held.take() {
            self.value = TextField::new(&text, true);
        }
        self.kind = next;
    }

    /// The untouched original value, when neither key, type nor text changed. Reusing it keeps
    /// the value byte-identical (number formatting, key order inside nested objects).
    fn untouched(&self) -> Option<&Value> {
        let (key, value) = self.original.as_ref()?;
        let same = self.key.text() == *key
            && self.kind == ValueKind::of(value)
            && self.value.text() == value_text(value);
        same.then_some(value)
    }

    /// True when neither key, type nor text changed since the record was loaded.
    pub fn is_untouched(&self) -> bool {
        self.untouched().is_some()
    }

    /// The value to save.
    pub fn to_value(&self) -> Result<Value, String> {
        match self.untouched() {
            Some(v) => Ok(v.clone()),
            None => parse_value(self.kind, &self.value.text()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use serde_json::json;

    #[rstest]
    #[case::int(ValueKind::Number, "42", Ok(json!(42)))]
    #[case::spaces(ValueKind::Number, " -3.5 ", Ok(json!(-3.5)))]
    #[case::not_number(ValueKind::Number, "4 2", Err(()))]
    #[case::not_finite(ValueKind::Number, "1e999", Err(()))]
    #[case::big_integer_is_finite(ValueKind::Number, "123456789012345678901234567890", Ok(serde_json::from_str("123456789012345678901234567890").expect("big")))]
    #[case::string_number(ValueKind::Number, "\"4\"", Err(()))]
    #[case::bool_true(ValueKind::Boolean, "true", Ok(json!(true)))]
    #[case::bool_yes(ValueKind::Boolean, "yes", Err(()))]
    #[case::null(ValueKind::Null, "ignored", Ok(Value::Null))]
    #[case::json(ValueKind::Json, "{\"a\": [1]}", Ok(json!({"a": [1]})))]
    #[case::bad_json(ValueKind::Json, "{a}", Err(()))]
    #[case::string_keeps_everything(ValueKind::String, " 42\n", Ok(json!(" 42\n")))]
    fn parses_by_kind(
        #[case] kind: ValueKind,
        #[case] text: &str,
        #[case] want: Result<Value, ()>,
    ) {
        assert_eq!(parse_value(kind, text).map_err(|_| ()), want);
    }

    #[test]
    fn untouched_values_are_reused_exactly() {
        let v: Value = serde_json::from_str("1.50").expect("number");
        let row = MetaRow::from_entry("price", &v);
        assert_eq!(row.to_value().map(|v| v.to_string()), Ok("1.50".to_owned()));
        let big: Value = serde_json::from_str("123456789012345678901234567890").expect("big");
        assert_eq!(MetaRow::from_entry("n", &big).to_value(), Ok(big));
    }
}
