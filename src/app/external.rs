//! `:yank field`, `:yank curl`, and the external editor (`Ctrl-X Ctrl-E`, `:edit`,
//! `:edit metadata`): what is handed out, and what is done with the text that comes back.

use super::form::FieldPath;
use super::form::external::{parse_metadata_text, with_error};
use super::{App, Effect};

/// What an editor session edits; it comes back with the text so the answer finds its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// One field of the form open on `form_id`.
    Value { form_id: String, path: FieldPath },
    /// The whole metadata object of the form open on `form_id`, as JSON.
    Metadata { form_id: String },
}

impl EditTarget {
    /// The temp file's extension, so the editor picks its syntax.
    pub fn extension(&self) -> &'static str {
        match self {
            EditTarget::Value { .. } => "txt",
            EditTarget::Metadata { .. } => "json",
        }
    }
}

/// `:yank` copies one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yank {
    Field,
    Curl,
}

const OPEN_A_FORM: &str = "works in the form: e edits the record";

impl App {
    pub(super) fn yank(&mut self, what: Yank) -> Vec<Effect> {
        match what {
            Yank::Field => self.yank_field(),
            Yank::Curl => self.yank_curl(),
        }
    }

    fn yank_field(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_deref() else {
            self.notice = Some(format!(":yank field {OPEN_A_FORM}; y copies the id."));
            return Vec::new();
        };
        let label = super::form::field_label(form.focus);
        let text = form.focused_text().unwrap_or_default();
        self.copied(&format!("the {label} ({} bytes)", text.len()), text)
    }

    /// The request that fetches the record, with the key left as `$RUNTYPE_API_KEY`: the
    /// runtime knows the server's address and writes the command; the key never enters it.
    fn yank_curl(&mut self) -> Vec<Effect> {
        let id = match (&self.form, &self.detail, self.list.selected_record()) {
            (Some(f), _, _) if f.creating => {
                self.notice = Some("Not on the server yet: save it first.".into());
                return Vec::new();
            }
            (Some(f), _, _) => f.id.clone(),
            (None, Some(d), _) => d.id.clone(),
            (None, None, Some(row)) => row.id.to_string(),
            (None, None, None) => return Vec::new(),
        };
        // Short: the id is long and the reminder about OSC 52 must fit on the line.
        self.notice = Some(
            "Copied a curl command (key as $RUNTYPE_API_KEY) via OSC 52 (the terminal must allow it)."
                .into(),
        );
        vec![Effect::CopyCurl { id }]
    }

    /// `Ctrl-X Ctrl-E` or `:edit`: the focused field in `$VISUAL`/`$EDITOR`.
    pub(super) fn edit_focused(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_deref() else {
            self.notice = Some(format!(":edit {OPEN_A_FORM}."));
            return Vec::new();
        };
        let target = EditTarget::Value {
            form_id: form.id.clone(),
            path: form.focus,
        };
        let text = form.focused_text().unwrap_or_default();
        vec![Effect::EditText { target, text }]
    }

    /// `:edit metadata`: the whole object as pretty JSON (or the text kept from last time).
    pub(super) fn edit_metadata(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_deref() else {
            self.notice = Some(format!(":edit metadata {OPEN_A_FORM}."));
            return Vec::new();
        };
        let form_id = form.id.clone();
        let text = match self.kept_edit.take() {
            Some((id, text)) if id == form_id => text,
            _ => match form.metadata_json() {
                Ok(json) => json,
                Err(e) => {
                    self.notice = Some(format!("Fix this first, then :edit metadata: {e}"));
                    return Vec::new();
                }
            },
        };
        vec![Effect::EditText {
            target: EditTarget::Metadata { form_id },
            text,
        }]
    }

    /// The editor closed. A value goes into its field; metadata that does not parse goes
    /// back to the editor with the error on top, or is kept when the user left it unchanged.
    pub(super) fn on_edited(
        &mut self,
        target: EditTarget,
        sent: &str,
        result: Result<String, String>,
    ) -> Vec<Effect> {
        let text = match result {
            Ok(text) => text,
            Err(e) => {
                self.keep_if_metadata(&target, sent);
                self.notice = Some(format!("The editor did not finish: {e}"));
                return Vec::new();
            }
        };
        match target {
            EditTarget::Value { form_id, path } => self.take_value(&form_id, path, sent, &text),
            EditTarget::Metadata { form_id } => self.take_metadata(form_id, sent, text),
        }
    }

    fn take_value(
        &mut self,
        form_id: &str,
        path: FieldPath,
        sent: &str,
        text: &str,
    ) -> Vec<Effect> {
        let Some(form) = self.form.as_deref_mut().filter(|f| f.id == form_id) else {
            self.notice = Some("The form closed meanwhile; the edited text was not used.".into());
            return Vec::new();
        };
        let label = super::form::field_label(path);
        let changed = form.replace_text(path, text, sent);
        // After `form_edited`, which clears messages about the form before this edit.
        let effects = self.form_edited();
        self.notice = Some(if changed {
            format!("{label} replaced from the editor (Ctrl-_ undoes).")
        } else {
            format!("{label} unchanged.")
        });
        effects
    }

    fn take_metadata(&mut self, form_id: String, sent: &str, text: String) -> Vec<Effect> {
        match parse_metadata_text(&text) {
            Ok(map) => {
                let Some(form) = self.form.as_deref_mut().filter(|f| f.id == form_id) else {
                    self.kept_edit = Some((form_id, text));
                    self.notice = Some("The form closed meanwhile; the text is kept.".into());
                    return Vec::new();
                };
                form.replace_metadata(&map);
                let effects = self.form_edited();
                self.notice = Some(format!(
                    "Metadata replaced from the editor: {} keys (Ctrl-_ undoes).",
                    map.len()
                ));
                effects
            }
            // Quitting without saving leaves the text as it was sent: keep it for later
            // rather than asking again and again.
            Err(e) if text == sent => {
                self.kept_edit = Some((form_id, text));
                self.notice = Some(format!(
                    "Metadata not changed ({e}); the text is kept: :edit metadata reopens it."
                ));
                Vec::new()
            }
            Err(e) => vec![Effect::EditText {
                target: EditTarget::Metadata { form_id },
                text: with_error(&text, &e),
            }],
        }
    }

    fn keep_if_metadata(&mut self, target: &EditTarget, sent: &str) {
        if let EditTarget::Metadata { form_id } = target {
            self.kept_edit = Some((form_id.clone(), sent.to_owned()));
        }
    }
}
