//! The config file's `[keys]` turned into the app's key map, checked at start.

use crate::app::action::{Keymap, Remap};
use crate::app::{Context, triage};
use crate::config::FileConfig;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The defaults with the file's `[keys]` on top; every problem on its own line, each with
/// its line in the file.
pub fn keymap(file: &FileConfig) -> Result<Keymap, String> {
    let remaps: Vec<Remap> = file
        .keys
        .entries
        .iter()
        .map(|e| Remap {
            context: e.context.clone(),
            action: e.action.clone(),
            keys: e.keys.clone(),
            line: e.line,
        })
        .collect();
    let errors = match Keymap::with_remaps(&remaps) {
        Ok(map) => {
            let shadowed = shadowed_triage_keys(file, &remaps, &map);
            if shadowed.is_empty() {
                return Ok(map);
            }
            shadowed
        }
        Err(errors) => errors,
    };
    let mut errors = errors;
    errors.sort_by_key(|e| line_of(e));
    Err(format!("[keys] is not valid:\n  {}", errors.join("\n  ")))
}

/// The line number a problem starts with (`line 8, ...` / `line 3: ...`), for listing them
/// in the file's order.
fn line_of(problem: &str) -> usize {
    problem
        .strip_prefix("line ")
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// A triage one-key action whose key a remapped verb of triage took (the verb would win).
/// A `[triage]` table that does not load is reported on its own, later.
fn shadowed_triage_keys(file: &FileConfig, remaps: &[Remap], map: &Keymap) -> Vec<String> {
    let triage = file.triage.clone().unwrap_or_default();
    let Ok(actions) = triage::Keymap::from_config(triage.me, &triage.keys) else {
        return Vec::new();
    };
    actions
        .actions
        .iter()
        .filter_map(|a| {
            let key = KeyEvent::new(KeyCode::Char(a.key), KeyModifiers::NONE);
            let verb = map.resolve(Context::Triage, &key)?;
            // Triage's own default keys are reserved, so a clash comes from a remap.
            let line = remaps
                .iter()
                .find(|r| {
                    r.action == verb.name() && r.context.as_deref().is_none_or(|c| c == "triage")
                })
                .map_or(0, |r| r.line);
            Some(format!(
                "line {line}: {} in triage is bound to {} and to a [triage.keys] action; \
                 choose another key for one of them",
                a.key,
                verb.name()
            ))
        })
        .collect()
}
