//! The config file's `[keys]` turned into the app's key map, checked at start.

use crate::app::action::{Keymap, Remap};
use crate::config::FileConfig;

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
    Keymap::with_remaps(&remaps)
        .map_err(|errors| format!("[keys] is not valid:\n  {}", errors.join("\n  ")))
}
