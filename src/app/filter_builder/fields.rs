//! The builder's field list: the schema's keys with their types and counts, read from
//! the server's open-ended `fields`, after the keys every record has.

use super::term::{BUILT_INS, Kind};
use super::{Builder, Choice, contains};
use crate::api::ops::SchemaReport;

/// One metadata key the schema reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    pub name: String,
    /// The JSON types seen (`string`, `number`, ...).
    pub types: Vec<String>,
    /// How many sampled records hold it, when the server says.
    pub count: Option<u64>,
}

/// The schema of one type, as the builder lists it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldReport {
    pub total: u64,
    pub fields: Vec<FieldInfo>,
}

/// Reads the schema's `fields` (objects with `name` and `type` or `types`, else bare names).
pub fn field_report(report: &SchemaReport) -> FieldReport {
    let fields = report
        .fields
        .iter()
        .filter_map(|f| {
            let name = f.get("name").unwrap_or(f).as_str()?.to_owned();
            let types = match f.get("types").or_else(|| f.get("type")) {
                Some(serde_json::Value::String(t)) => vec![t.clone()],
                Some(serde_json::Value::Array(ts)) => ts
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            let count = f.get("count").and_then(serde_json::Value::as_u64);
            Some(FieldInfo { name, types, count })
        })
        .collect();
    FieldReport {
        total: report.total_records,
        fields,
    }
}

/// The built-in keys, then the schema's, narrowed by what is typed.
pub(super) fn field_choices(b: &Builder) -> Vec<Choice> {
    let report = b.fields.loaded();
    let total = report
        .map(|r| format!(" · {}", r.total))
        .unwrap_or_default();
    let built = BUILT_INS.iter().map(|(name, kind)| Choice {
        text: (*name).to_owned(),
        detail: format!(
            "{}{total}",
            if *kind == Kind::Date { "date" } else { "text" }
        ),
        built_in: true,
    });
    let meta = report.into_iter().flat_map(|r| &r.fields).map(|f| Choice {
        text: f.name.clone(),
        detail: match f.count {
            Some(n) => format!("{} · {n}", f.types.join("|")),
            None => f.types.join("|"),
        },
        built_in: false,
    });
    built
        .chain(meta)
        .filter(|c| contains(&c.text, &b.typed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(fields: serde_json::Value) -> SchemaReport {
        serde_json::from_value(json!({
            "type": "ticket", "totalRecords": 7, "sampledRecords": 7, "fields": fields,
        }))
        .expect("a schema report")
    }

    #[test]
    fn fields_are_read_in_every_shape_the_server_may_send() {
        let got = field_report(&report(json!([
            {"name": "status", "type": "string", "count": 7},
            {"name": "tags", "types": ["array", "string"]},
            "bare",
            {"no": "name"},
        ])));
        assert_eq!(got.total, 7);
        let shown: Vec<(&str, Vec<String>, Option<u64>)> = got
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.types.clone(), f.count))
            .collect();
        assert_eq!(
            shown,
            [
                ("status", vec!["string".to_owned()], Some(7)),
                ("tags", vec!["array".to_owned(), "string".to_owned()], None),
                ("bare", vec![], None),
            ]
        );
        assert_eq!(Kind::of_types(&got.fields[1].types), Kind::Text);
    }
}
