//! The one-key actions of triage mode: the defaults for tickets and those from the config's
//! `[triage]` table, parsed into metadata changes.

use crate::app::set_expr::{Assignment, assignments};
use serde_json::Value;
use std::collections::BTreeMap;

/// Keys triage itself uses; a configured action may not take them.
pub const RESERVED: [char; 7] = ['s', 'e', 'u', 'j', 'k', 'q', '?'];

/// The defaults: `(key, action)` as they would be written in the config.
pub const DEFAULTS: [(char, &str); 5] = [
    ('1', "status=open"),
    ('2', "status=pending"),
    ('3', "status=solved"),
    ('a', "assignee=<me>"),
    ('p', "cycle priority low normal high urgent"),
];

/// What one key does to the ticket's metadata.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set these keys (`status=solved assignee=<me>`).
    Set(Vec<Assignment>),
    /// Move the key to the value after its current one (`cycle priority low normal high`).
    Cycle { key: String, values: Vec<Value> },
}

/// A configured key and its action, kept as written for the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyAction {
    pub key: char,
    pub text: String,
}

/// The triage keys in effect, and who "me" is.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub actions: Vec<KeyAction>,
    pub me: Option<String>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            actions: DEFAULTS
                .iter()
                .map(|(key, text)| KeyAction {
                    key: *key,
                    text: (*text).to_owned(),
                })
                .collect(),
            me: None,
        }
    }
}

/// Parses an action as written (`<me>` already replaced).
pub fn parse(text: &str) -> Result<Change, String> {
    if let Some(rest) = text.trim().strip_prefix("cycle ") {
        let mut words = rest.split_whitespace();
        let key = words.next().ok_or("`cycle` needs a key and values")?;
        let values = words
            .map(|w| {
                assignments(&format!("{key}={w}"))
                    .map_err(|e| e.message)
                    .and_then(|a| a.into_iter().next().ok_or_else(String::new))
                    .map(|a| a.value)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if values.len() < 2 {
            return Err("`cycle` needs at least two values".into());
        }
        return Ok(Change::Cycle {
            key: key.to_owned(),
            values,
        });
    }
    assignments(text).map(Change::Set).map_err(|e| e.message)
}

impl Keymap {
    /// The defaults with the config's keys on top: a configured key replaces the default of
    /// that key, and an empty action removes it. Errors name the key, never the action text
    /// (the config file may hold secrets and its errors never quote it).
    pub fn from_config(
        me: Option<String>,
        keys: &BTreeMap<String, String>,
    ) -> Result<Self, String> {
        let mut map = Self {
            me,
            ..Self::default()
        };
        for (name, text) in keys {
            let mut chars = name.chars();
            let (Some(key), None) = (chars.next(), chars.next()) else {
                return Err(format!(
                    "[triage.keys]: a key of {} characters; a key is one character",
                    name.chars().count()
                ));
            };
            if RESERVED.contains(&key) {
                return Err(format!(
                    "[triage.keys] key `{key}`: triage itself uses s, e, u, j, k, q and ?"
                ));
            }
            map.actions.retain(|a| a.key != key);
            if text.trim().is_empty() {
                continue;
            }
            parse(&text.replace("<me>", "me"))
                .map_err(|why| format!("[triage.keys] key `{key}`: {why}"))?;
            map.actions.push(KeyAction {
                key,
                text: text.clone(),
            });
        }
        Ok(map)
    }

    pub fn action(&self, key: char) -> Option<&KeyAction> {
        self.actions.iter().find(|a| a.key == key)
    }

    /// The change a key makes, with `<me>` filled in; an error says what to set.
    pub fn change(&self, action: &KeyAction) -> Result<Change, String> {
        let text = if action.text.contains("<me>") {
            let Some(me) = self.me.as_deref() else {
                return Err(format!(
                    "`{}` needs to know who you are: add me = \"your name\" under [triage] \
                     in config.toml",
                    action.key
                ));
            };
            action.text.replace("<me>", &quoted(me))
        } else {
            action.text.clone()
        };
        parse(&text)
    }
}

/// `me` as a value: quoted, so a name with spaces or digits stays one piece of text.
fn quoted(me: &str) -> String {
    format!("\"{}\"", me.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The assignments a change makes to a record's metadata now.
pub fn resolve(change: &Change, metadata: &serde_json::Map<String, Value>) -> Vec<Assignment> {
    match change {
        Change::Set(list) => list.clone(),
        Change::Cycle { key, values } => {
            let at = metadata
                .get(key)
                .and_then(|now| values.iter().position(|v| v == now));
            let next = at.map_or(0, |i| (i + 1) % values.len());
            vec![Assignment {
                key: key.clone(),
                value: values[next].clone(),
            }]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cycle_moves_to_the_next_value_and_wraps() {
        let change = parse("cycle priority low normal high urgent").expect("parses");
        let meta = |v: Value| {
            json!({ "priority": v })
                .as_object()
                .cloned()
                .unwrap_or_default()
        };
        let next = |v| resolve(&change, &meta(v))[0].value.clone();
        assert_eq!(next(json!("low")), json!("normal"));
        assert_eq!(next(json!("urgent")), json!("low"));
        assert_eq!(next(json!("unheard-of")), json!("low"));
    }

    #[test]
    fn me_is_filled_in_or_explained() {
        let map = Keymap::default();
        let a = map.action('a').cloned().expect("default a");
        let err = map.change(&a).expect_err("no me");
        assert!(err.contains("me = "), "{err}");
        let map = Keymap {
            me: Some("Olga K".into()),
            ..Keymap::default()
        };
        let Ok(Change::Set(set)) = map.change(&a) else {
            panic!("a sets");
        };
        assert_eq!(set[0].value, json!("Olga K"));
    }

    #[test]
    fn config_replaces_removes_and_refuses_without_quoting() {
        let keys: BTreeMap<String, String> = [
            ("1".to_owned(), "status=new".to_owned()),
            ("2".to_owned(), String::new()),
            ("x".to_owned(), "status=solved assignee=<me>".to_owned()),
        ]
        .into();
        let map = Keymap::from_config(None, &keys).expect("valid");
        assert_eq!(map.action('1').map(|a| a.text.as_str()), Some("status=new"));
        assert!(map.action('2').is_none());
        assert!(map.action('x').is_some());
        for (k, v) in [("s", "status=x"), ("y", "rt_live_SECRET"), ("zz", "a=b")] {
            let keys: BTreeMap<String, String> = [(k.to_owned(), v.to_owned())].into();
            let err = Keymap::from_config(None, &keys).expect_err("refused");
            assert!(!err.contains("SECRET") && !err.contains("zz"), "{err}");
        }
    }
}
