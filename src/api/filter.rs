//! The record filter language (`recordFilter` / `where`): conditions in at most two levels of
//! `and`/`or` groups. The types make a third level unrepresentable.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `{type, where?}`: which records of one type a filter selects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordFilter {
    #[serde(rename = "type")]
    pub record_type: String,
    #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
    pub where_: Option<Where>,
}

impl RecordFilter {
    pub fn of_type(record_type: impl Into<String>) -> Self {
        Self {
            record_type: record_type.into(),
            where_: None,
        }
    }

    pub fn with_where(mut self, where_: impl Into<Where>) -> Self {
        self.where_ = Some(where_.into());
        self
    }

    /// The JSON text sent as the `recordFilter` query parameter.
    pub fn to_query_value(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The top of a filter: a single condition or a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Where {
    Group(Group),
    Condition(Condition),
}

impl From<Condition> for Where {
    fn from(c: Condition) -> Self {
        Self::Condition(c)
    }
}

impl From<Group> for Where {
    fn from(g: Group) -> Self {
        Self::Group(g)
    }
}

/// A top-level group: conditions and sub-groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub op: Combinator,
    pub conditions: Vec<Node>,
}

/// An item of a top-level group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Node {
    Group(SubGroup),
    Condition(Condition),
}

/// A second-level group: conditions only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubGroup {
    pub op: Combinator,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combinator {
    And,
    Or,
}

impl Group {
    pub fn all(conditions: impl IntoIterator<Item = Node>) -> Self {
        Self {
            op: Combinator::And,
            conditions: conditions.into_iter().collect(),
        }
    }

    pub fn any(conditions: impl IntoIterator<Item = Node>) -> Self {
        Self {
            op: Combinator::Or,
            conditions: conditions.into_iter().collect(),
        }
    }
}

impl From<Condition> for Node {
    fn from(c: Condition) -> Self {
        Self::Condition(c)
    }
}

impl From<SubGroup> for Node {
    fn from(g: SubGroup) -> Self {
        Self::Group(g)
    }
}

/// `{field, op, value?}`. Fields are bare metadata keys or the columns `id`, `name`,
/// `createdAt`, `updatedAt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl Condition {
    pub fn new(field: impl Into<String>, op: Op, value: impl Into<Value>) -> Self {
        Self {
            field: field.into(),
            op,
            value: Some(value.into()),
        }
    }

    /// A condition whose op takes no value (`isSet`, `isTrue`, ...).
    pub fn unary(field: impl Into<String>, op: Op) -> Self {
        Self {
            field: field.into(),
            op,
            value: None,
        }
    }
}

/// The 18 documented operators. The API's enum is open, so an unknown one is kept by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    Between,
    Contains,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    IsSet,
    IsNotSet,
    IsTrue,
    IsFalse,
    WithinLastDays,
    OlderThanDays,
    Other(String),
}

impl Op {
    pub const ALL: [Op; 18] = [
        Op::Eq,
        Op::Neq,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::Between,
        Op::Contains,
        Op::StartsWith,
        Op::EndsWith,
        Op::In,
        Op::NotIn,
        Op::IsSet,
        Op::IsNotSet,
        Op::IsTrue,
        Op::IsFalse,
        Op::WithinLastDays,
        Op::OlderThanDays,
    ];

    pub fn wire_name(&self) -> &str {
        match self {
            Op::Eq => "eq",
            Op::Neq => "neq",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::Between => "between",
            Op::Contains => "contains",
            Op::StartsWith => "startsWith",
            Op::EndsWith => "endsWith",
            Op::In => "in",
            Op::NotIn => "notIn",
            Op::IsSet => "isSet",
            Op::IsNotSet => "isNotSet",
            Op::IsTrue => "isTrue",
            Op::IsFalse => "isFalse",
            Op::WithinLastDays => "withinLastDays",
            Op::OlderThanDays => "olderThanDays",
            Op::Other(name) => name,
        }
    }

    pub fn from_wire(name: &str) -> Self {
        Self::ALL
            .iter()
            .find(|op| op.wire_name() == name)
            .cloned()
            .unwrap_or_else(|| Op::Other(name.to_owned()))
    }

    /// Whether the op is used without a `value`.
    pub fn is_unary(&self) -> bool {
        matches!(self, Op::IsSet | Op::IsNotSet | Op::IsTrue | Op::IsFalse)
    }
}

impl Serialize for Op {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.wire_name())
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Ok(Op::from_wire(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_op_round_trips_by_wire_name() {
        for op in Op::ALL {
            assert_eq!(Op::from_wire(op.wire_name()), op);
        }
        assert_eq!(Op::from_wire("regex"), Op::Other("regex".into()));
        assert_eq!(Op::ALL.len(), 18);
    }

    #[test]
    fn two_level_filter_serialises_to_the_contract_example() {
        let filter = RecordFilter::of_type("customer").with_where(Group::all([
            Condition::new("tier", Op::Eq, "enterprise").into(),
            SubGroup {
                op: Combinator::Or,
                conditions: vec![
                    Condition::new("seats", Op::Gte, 200),
                    Condition::unary("active", Op::IsTrue),
                ],
            }
            .into(),
        ]));
        let expected = json!({ "type": "customer", "where": { "op": "and", "conditions": [
            { "field": "tier", "op": "eq", "value": "enterprise" },
            { "op": "or", "conditions": [ { "field": "seats", "op": "gte", "value": 200 },
                                          { "field": "active", "op": "isTrue" } ] } ] } });
        assert_eq!(serde_json::to_value(&filter).ok(), Some(expected.clone()));
        let parsed: RecordFilter = serde_json::from_value(expected).expect("parses");
        assert_eq!(parsed, filter);
    }

    #[test]
    fn a_third_level_does_not_parse() {
        let too_deep = json!({ "op": "and", "conditions": [ { "op": "or", "conditions": [
            { "op": "and", "conditions": [ { "field": "a", "op": "isSet" } ] } ] } ] });
        assert!(serde_json::from_value::<Where>(too_deep).is_err());
    }
}
