//! The config file's `[keys]` table as written: action names and key strings with the line
//! each is on. Whether the names and keys mean anything is checked by the app's key map.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use toml::Spanned;

/// `[keys]` (`save = "ctrl-s"`: wherever the action has keys) and `[keys.CONTEXT]` tables
/// (`[keys.list]` `down = ["j", "down"]`), flattened in the order of the file's names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeysConfig {
    pub entries: Vec<KeyEntry>,
}

/// One `action = keys` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    /// `None` in `[keys]` itself.
    pub context: Option<String>,
    pub action: String,
    pub keys: Vec<String>,
    /// Where the value starts in the file (a byte offset); see [`KeysConfig::number_lines`].
    pub at: usize,
    /// The 1-based line, once numbered.
    pub line: usize,
}

impl KeysConfig {
    /// Turns byte offsets into line numbers (the deserializer sees offsets only), and puts
    /// the entries in file order.
    pub fn number_lines(&mut self, text: &str) {
        for e in &mut self.entries {
            let before = text.get(..e.at.min(text.len())).unwrap_or_default();
            e.line = before.matches('\n').count() + 1;
        }
        // Reported in the order the file has them, whatever order the tables came in.
        self.entries.sort_by_key(|e| e.at);
    }
}

/// One key, or a list of keys.
struct KeyList(Vec<String>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KeyListVisitor)
    }
}

struct KeyListVisitor;

impl<'de> Visitor<'de> for KeyListVisitor {
    type Value = KeyList;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key such as ctrl-s in quotes, or a list of them")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyList, E> {
        Ok(KeyList(vec![v.to_owned()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
        let mut keys = Vec::new();
        while let Some(k) = seq.next_element::<String>()? {
            keys.push(k);
        }
        Ok(KeyList(keys))
    }
}

/// What a name in `[keys]` holds: keys for an action, or a context's table.
enum Item {
    Keys(Vec<String>),
    Context(Vec<(String, Spanned<KeyList>)>),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key such as ctrl-s in quotes, a list of them, or a [keys.CONTEXT] table")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Item, E> {
        KeyListVisitor.visit_str(v).map(|k| Item::Keys(k.0))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Item, A::Error> {
        KeyListVisitor.visit_seq(seq).map(|k| Item::Keys(k.0))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
        let mut entries = Vec::new();
        while let Some((name, keys)) = map.next_entry::<String, Spanned<KeyList>>()? {
            entries.push((name, keys));
        }
        Ok(Item::Context(entries))
    }
}

impl<'de> Deserialize<'de> for KeysConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = KeysConfig;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a [keys] table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysConfig, A::Error> {
        let mut entries = Vec::new();
        while let Some((name, item)) = map.next_entry::<String, Spanned<Item>>()? {
            let at = item.span().start;
            match item.into_inner() {
                Item::Keys(keys) => entries.push(KeyEntry {
                    context: None,
                    action: name,
                    keys,
                    at,
                    line: 0,
                }),
                Item::Context(list) => {
                    entries.extend(list.into_iter().map(|(action, keys)| KeyEntry {
                        context: Some(name.clone()),
                        action,
                        at: keys.span().start,
                        keys: keys.into_inner().0,
                        line: 0,
                    }))
                }
            }
        }
        Ok(KeysConfig { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::super::FileConfig;
    use super::KeyEntry;

    fn parse(text: &str) -> Vec<KeyEntry> {
        let mut file: FileConfig = toml::from_str(text).expect("parses");
        file.keys.number_lines(text);
        file.keys.entries
    }

    fn entry(
        context: Option<&str>,
        action: &str,
        keys: &[&str],
        line: usize,
    ) -> (Option<String>, String, Vec<String>, usize) {
        (
            context.map(str::to_owned),
            action.to_owned(),
            keys.iter().map(|k| (*k).to_owned()).collect(),
            line,
        )
    }

    #[test]
    fn plain_and_context_tables_with_their_lines() {
        let text = "theme = \"light\"\n\n[keys]\nhelp = \"f1\"\n\n[keys.list]\ndown = [\"j\", \"down\"]\nnew-record = \"N\"\n\n[keys.form]\nsave = \"ctrl-s\"\n";
        let got: Vec<_> = parse(text)
            .into_iter()
            .map(|e| (e.context, e.action, e.keys, e.line))
            .collect();
        assert_eq!(
            got,
            vec![
                entry(None, "help", &["f1"], 4),
                entry(Some("list"), "down", &["j", "down"], 7),
                entry(Some("list"), "new-record", &["N"], 8),
                entry(Some("form"), "save", &["ctrl-s"], 11),
            ]
        );
    }

    #[test]
    fn a_dotted_table_and_an_inline_one_work_too() {
        let text = "[keys]\nlist = { top = \"home\" }\ndetail.edit = \"E\"\n";
        let got: Vec<_> = parse(text)
            .into_iter()
            .map(|e| (e.action, e.line))
            .collect();
        assert_eq!(got, vec![("top".to_owned(), 2), ("edit".to_owned(), 3)]);
    }

    #[test]
    fn a_wrong_type_is_a_parse_error() {
        let err = toml::from_str::<FileConfig>("[keys]\nsave = 5\n").expect_err("a number");
        assert!(
            err.message().contains("a key such as ctrl-s"),
            "{}",
            err.message()
        );
    }
}
