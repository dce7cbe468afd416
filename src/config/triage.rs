//! The config file's `[triage]` table: who "me" is, and the one-key actions of triage mode.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `[triage]`: `me = "olga"` and `[triage.keys]` (`"1" = "status=open"`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageConfig {
    pub me: Option<String>,
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
}
