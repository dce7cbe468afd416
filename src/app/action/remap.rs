//! The config file's `[keys]` applied to the default map: names checked, keys parsed,
//! remapped verbs' defaults replaced, and conflicts found, each reported with its line.

use super::keymap::{Entry, Keymap};
use super::keyspec::KeySpec;
use super::{Action, Context};

/// One `[keys]` entry as the config file wrote it: `save = "ctrl-s"` in `[keys.form]`
/// (`context` `form`) or in `[keys]` itself (no context: wherever the verb has a key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    pub context: Option<String>,
    pub action: String,
    pub keys: Vec<String>,
    /// The line in the config file, for messages.
    pub line: usize,
}

/// Where text is typed: printable keys belong to the text there.
fn types_text(context: Context) -> bool {
    matches!(context, Context::Form | Context::Prompt)
}

/// A remap with its names checked and keys parsed.
struct Checked {
    contexts: Vec<Context>,
    action: Action,
    keys: Vec<KeySpec>,
    line: usize,
    /// From `[keys]` itself: printable keys are left out where text is typed.
    everywhere: bool,
}

impl Keymap {
    /// The defaults with `remaps` on top. Every problem is reported (each with its line),
    /// not only the first, so one edit of the file can fix them all.
    pub fn with_remaps(remaps: &[Remap]) -> Result<Keymap, Vec<String>> {
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        let checked: Vec<Checked> = remaps
            .iter()
            .filter_map(|r| map.check(r).map_err(|e| errors.push(e)).ok())
            .collect();
        // A `[keys.CONTEXT]` entry wins over a `[keys]` one for the same verb there.
        let specific = |c: Context, a: Action| {
            checked
                .iter()
                .any(|k| !k.everywhere && k.action == a && k.contexts.contains(&c))
        };
        let mut lines: Vec<(Context, Action, usize)> = Vec::new();
        for k in &checked {
            for &context in &k.contexts {
                if k.everywhere && specific(context, k.action) {
                    continue;
                }
                let keys: Vec<KeySpec> = match (k.everywhere, types_text(context)) {
                    (true, true) => k.keys.iter().filter(|s| !s.types_text()).copied().collect(),
                    _ => k.keys.clone(),
                };
                if k.everywhere && keys.is_empty() && !k.keys.is_empty() {
                    continue;
                }
                map.replace(context, k.action, &keys);
                lines.push((context, k.action, k.line));
            }
        }
        errors.extend(map.conflicts(&lines));
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }

    fn check(&self, r: &Remap) -> Result<Checked, String> {
        let table = r
            .context
            .as_deref()
            .map_or_else(|| "[keys]".to_owned(), |c| format!("[keys.{c}]"));
        let at = format!("line {}, {table} {}", r.line, r.action);
        let action = Action::from_name(&r.action)
            .ok_or_else(|| format!("{at}: no such action (:keys lists them)"))?;
        let contexts = self.contexts_for(action, r, &at)?;
        let mut keys = Vec::new();
        for text in &r.keys {
            let key = KeySpec::parse(text).map_err(|e| format!("{at}: `{text}` is {e}"))?;
            if r.context.is_some() && contexts.iter().any(|c| types_text(*c)) && key.types_text() {
                return Err(format!(
                    "{at}: `{text}` types text there; choose a key with ctrl- or alt-, or a \
                     named key such as f5"
                ));
            }
            keys.push(key);
        }
        Ok(Checked {
            contexts,
            action,
            keys,
            line: r.line,
            everywhere: r.context.is_none(),
        })
    }

    /// Where a remap applies: its context, which must be one where the verb has keys, or
    /// (from `[keys]` itself) all of those.
    fn contexts_for(&self, action: Action, r: &Remap, at: &str) -> Result<Vec<Context>, String> {
        let bound = self.contexts_of(action);
        let Some(name) = r.context.as_deref() else {
            return Ok(bound);
        };
        let context = Context::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            format!(
                "line {}: no context `{name}` (one of: {})",
                r.line,
                names.join(", ")
            )
        })?;
        if !bound.contains(&context) {
            let names: Vec<&str> = bound.iter().map(|c| c.name()).collect();
            return Err(format!(
                "{at}: does nothing in {name} (it has keys in: {})",
                names.join(", ")
            ));
        }
        Ok(vec![context])
    }

    /// Two verbs on one key in a context, where at least one was remapped (the defaults
    /// have none among themselves). Each pair is reported once.
    fn conflicts(&self, lines: &[(Context, Action, usize)]) -> Vec<String> {
        let line_of = |e: &Entry| {
            lines
                .iter()
                .find(|(c, a, _)| *c == e.context && *a == e.action)
                .map(|(_, _, l)| *l)
        };
        let mut out = Vec::new();
        let mut seen: Vec<(Context, KeySpec)> = Vec::new();
        for e in self.entries.iter().filter(|e| e.remapped) {
            let key = e.key.normalized();
            if seen.contains(&(e.context, key)) {
                continue;
            }
            let others: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|o| o.context == e.context && o.key.normalized() == key)
                .filter(|o| o.action != e.action)
                .collect();
            if others.is_empty() {
                continue;
            }
            seen.push((e.context, key));
            out.push(conflict_message(e, line_of(e), &others, &line_of));
        }
        out
    }
}

fn conflict_message(
    e: &Entry,
    line: Option<usize>,
    others: &[&Entry],
    line_of: &dyn Fn(&Entry) -> Option<usize>,
) -> String {
    let mut who = vec![format!("{} (here)", e.action.name())];
    for o in others {
        let from = line_of(o).map_or_else(|| "a default key".to_owned(), |l| format!("line {l}"));
        let name = format!("{} ({from})", o.action.name());
        if !who.contains(&name) {
            who.push(name);
        }
    }
    format!(
        "line {}: {} in {} is bound to more than one action: {}; remap one of them too",
        line.unwrap_or_default(),
        e.key.label(),
        e.context.name(),
        who.join(" and ")
    )
}
