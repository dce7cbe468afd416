//! Server answers to a save, put where they belong: under a field, or in the form's banner.

use super::{FieldPath, Form, SaveStatus};
use crate::api::{ApiError, ErrorBody, ErrorDetail};
use crate::app::effect::SaveError;

const KEPT: &str = "Your edits are kept; Ctrl-S retries.";

impl Form {
    /// The row whose key is `key`, also matching the server's normalised form of it.
    fn row_of(&self, key: &str) -> Option<usize> {
        let normal = |k: &str| {
            k.split_whitespace()
                .collect::<Vec<_>>()
                .join("_")
                .to_lowercase()
        };
        self.rows
            .iter()
            .position(|r| r.key.text() == key)
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|r| normal(&r.key.text()) == normal(key))
            })
    }

    /// Which field a server detail names, from its `path` (`name`, `metadata.<key>`) or the
    /// bare metadata `field` of schema errors.
    fn path_of(&self, d: &ErrorDetail) -> Option<FieldPath> {
        let path = d.path.as_deref().unwrap_or_default();
        match path {
            "name" => return Some(FieldPath::Name),
            "type" => return Some(FieldPath::Type),
            _ => {}
        }
        let key = path.strip_prefix("metadata.").or(d.field.as_deref())?;
        self.row_of(key).map(FieldPath::MetadataValue)
    }

    /// Records a failed save: field errors under their fields, the rest in the banner.
    pub fn save_failed(&mut self, err: &SaveError) {
        self.status = SaveStatus::Failed;
        self.sent = None;
        self.server.clear();
        let banner = match err {
            SaveError::Conflict { theirs } if self.foreign_changes(theirs) == 0 => {
                self.merge_theirs(theirs);
                "Part of this edit is already on the server (an earlier save went through \
                 without an answer); nobody else changed the record. Ctrl-S saves the rest."
                    .to_owned()
            }
            SaveError::Conflict { theirs } => {
                let both = self.merge_theirs(theirs);
                let marked = match both {
                    0 => String::new(),
                    n => format!(
                        " {n} field(s) changed on both sides are marked ⚡ and keep yours; Ctrl-O on one takes theirs."
                    ),
                };
                format!(
                    "Someone else saved this record at {} since you opened it. Nothing was sent; their \
                     changes are merged into the form.{marked} Ctrl-S saves the merge.",
                    theirs.updated_at
                )
            }
            SaveError::Api(e) => self.api_failure(e),
        };
        self.banner = Some(banner);
    }

    fn api_failure(&mut self, e: &ApiError) -> String {
        match (e.status(), e.body()) {
            (Some(400 | 422), Some(body)) => self.place_details(e, body),
            (Some(409), _) => {
                let msg = "another record of this type already has this name";
                self.server.insert(FieldPath::Name, msg.into());
                self.server.insert(FieldPath::Type, msg.into());
                format!("Not saved: the name and type clash with another record (409). {KEPT}")
            }
            (Some(401), _) => {
                "Not saved: the API key was rejected (401). Check RUNTYPE_API_KEY or the \
                               config file; your edits are kept."
                    .into()
            }
            (Some(403), _) => "Not saved: this API key may not change records (403; it needs the \
                               RECORDS:WRITE scope). Your edits are kept."
                .into(),
            (Some(404), _) => {
                // Saving again could only 404 again; creating it anew is what can help.
                self.creating = true;
                "Not saved: this record was deleted on the server (404) and has left the \
                 list. Ctrl-S creates it again, as a new record, from what the form holds; \
                 Esc leaves it."
                    .into()
            }
            _ if matches!(e, ApiError::RateLimited { .. }) => format!("Not saved: {e}. {KEPT}"),
            (Some(status), _) if status >= 500 => {
                format!("Not saved: the server failed ({e}).{} {KEPT}", wait_hint(e))
            }
            _ if e.outcome_unknown() => format!(
                "No answer from the server ({e}); the save may or may not have been applied. \
                 Ctrl-S checks the server first and never overwrites a newer version."
            ),
            _ => format!("Not saved: {e}. {KEPT}"),
        }
    }

    /// Puts each detail under its field; returns the banner for what has no field.
    fn place_details(&mut self, e: &ApiError, body: &ErrorBody) -> String {
        let mut loose = Vec::new();
        for d in body.details() {
            let text = match &d.suggestion {
                Some(s) => format!("{} ({s})", d.message),
                None => d.message.clone(),
            };
            match self.path_of(d) {
                Some(path) => {
                    self.server
                        .entry(path)
                        .and_modify(|t| t.push_str("; "))
                        .or_default()
                        .push_str(&text);
                }
                None => loose.push(text),
            }
        }
        let status = e.status().unwrap_or_default();
        let mut banner = format!(
            "Not saved: the server rejected the record ({status}: {}).",
            body.message()
        );
        if !loose.is_empty() {
            banner.push(' ');
            banner.push_str(&loose.join("; "));
        }
        banner
    }
}

/// " Try again in 30 s." when the server said how long to wait (`Retry-After`).
fn wait_hint(e: &ApiError) -> String {
    match e {
        ApiError::Http {
            retry_after: Some(wait),
            ..
        } => {
            // Rounded up: "in 0 s" would invite a retry the server asked us not to make.
            let secs = wait.as_millis().div_ceil(1000);
            format!(" The server asks to try again in {secs} s.")
        }
        _ => String::new(),
    }
}
