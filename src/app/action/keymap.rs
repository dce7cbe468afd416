//! The keys in force: the default bindings with the config's remappings on top, one entry
//! per key and context. Key presses, help, hints and `:keys` all read it.

use super::bindings::{Binding, DEFAULT_BINDINGS};
use super::keyspec::KeySpec;
use super::{Action, Context};
use crossterm::event::KeyEvent;

/// One key of one context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub key: KeySpec,
    pub action: Action,
    pub context: Context,
    pub hint: bool,
    /// Set by the config file's `[keys]`, not a default.
    pub remapped: bool,
}

/// The key map in force. Order matters as in [`DEFAULT_BINDINGS`]: the first match wins and
/// hints follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub(super) entries: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::from_bindings(DEFAULT_BINDINGS)
    }
}

/// One entry of the hint bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub what: &'static str,
    pub action: Action,
}

/// One line of `:keys`: a verb of a context, its keys, and whether the config chose them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub context: Context,
    pub action: Action,
    pub keys: String,
    pub what: &'static str,
    pub remapped: bool,
}

impl Keymap {
    /// A map of these bindings, nothing remapped.
    pub fn from_bindings(bindings: &[Binding]) -> Self {
        let entries = bindings
            .iter()
            .flat_map(|b| {
                b.contexts.iter().map(|&context| Entry {
                    key: b.key,
                    action: b.action,
                    context,
                    hint: b.hint,
                    remapped: false,
                })
            })
            .collect();
        Self { entries }
    }

    fn in_context(&self, context: Context) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.context == context)
    }

    /// The verb for a key in a context, if any.
    pub fn resolve(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        self.in_context(context)
            .find(|e| e.key.matches(key))
            .map(|e| e.action)
    }

    /// The keys of each verb of a context, in binding order: (verb, `j, ↓`).
    fn grouped(&self, context: Context) -> Vec<(Action, String)> {
        let mut lines: Vec<(Action, String)> = Vec::new();
        for e in self.in_context(context) {
            match lines.iter_mut().find(|(a, _)| *a == e.action) {
                Some((_, keys)) => {
                    keys.push_str(", ");
                    keys.push_str(&e.key.label());
                }
                None => lines.push((e.action, e.key.label())),
            }
        }
        lines
    }

    /// All bindings of a context, for the help screen: (keys, description), one line per verb.
    pub fn help_lines(&self, context: Context) -> Vec<(String, &'static str)> {
        self.grouped(context)
            .into_iter()
            .map(|(a, k)| (k, a.describe_in(context)))
            .collect()
    }

    /// The hint-bar entries of a context, one per verb (its first hinted key).
    pub fn hints(&self, context: Context) -> Vec<Hint> {
        self.hints_except(context, |_| false)
    }

    /// The hint-bar entries of a context without the actions `hide` names (a read-only
    /// profile hides its writes).
    pub fn hints_except(&self, context: Context, hide: impl Fn(Action) -> bool) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        for e in self
            .in_context(context)
            .filter(|e| e.hint && !hide(e.action))
        {
            if out.iter().all(|h| h.action != e.action) {
                out.push(Hint {
                    key: e.key.label(),
                    what: e.action.describe_in(context),
                    action: e.action,
                });
            }
        }
        out
    }

    /// The first key bound to `action` in `context`, as shown to the user.
    pub fn key_for(&self, action: Action, context: Context) -> Option<String> {
        self.in_context(context)
            .find(|e| e.action == action)
            .map(|e| e.key.label())
    }

    /// The key to name in a message ("Ctrl-S saves"), or `(no key for save)` when `[keys]`
    /// left the verb without one.
    pub fn say(&self, action: Action, context: Context) -> String {
        self.key_for(action, context)
            .unwrap_or_else(|| format!("(no key for {})", action.name()))
    }

    /// True when the config file chose the keys of `action` in `context`.
    pub fn is_remapped(&self, context: Context, action: Action) -> bool {
        self.in_context(context)
            .any(|e| e.action == action && e.remapped)
    }

    /// Every verb of every context with its keys, for `:keys`.
    pub fn rows(&self) -> Vec<KeyRow> {
        Context::ALL
            .into_iter()
            .flat_map(|context| {
                self.grouped(context)
                    .into_iter()
                    .map(move |(action, keys)| (context, action, keys))
            })
            .map(|(context, action, keys)| KeyRow {
                context,
                action,
                keys,
                what: action.describe_in(context),
                remapped: self.is_remapped(context, action),
            })
            .collect()
    }

    /// The contexts where `action` has a key.
    pub(super) fn contexts_of(&self, action: Action) -> Vec<Context> {
        Context::ALL
            .into_iter()
            .filter(|c| self.in_context(*c).any(|e| e.action == action))
            .collect()
    }

    /// Puts `keys` in place of the keys of `action` in `context`, where the first of them
    /// was (so hints keep their order). An empty list leaves the verb without a key there.
    pub(super) fn replace(&mut self, context: Context, action: Action, keys: &[KeySpec]) {
        let ours = |e: &Entry| e.context == context && e.action == action;
        let at = self.entries.iter().position(ours);
        let hint = self.entries.iter().any(|e| ours(e) && e.hint);
        self.entries.retain(|e| !ours(e));
        let at = at.unwrap_or(self.entries.len()).min(self.entries.len());
        let new = keys.iter().map(|&key| Entry {
            key,
            action,
            context,
            hint,
            remapped: true,
        });
        self.entries.splice(at..at, new);
    }
}
