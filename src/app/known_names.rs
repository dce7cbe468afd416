//! What `:profile` and `:theme` accept: the names Tab offers, and the check that keeps a
//! line naming none of them in the prompt with its error, as other command errors are.

use super::App;
use super::command::Command;
use super::filter_expr::FilterError;

impl App {
    /// The names Tab offers after `:profile ` (none when the app was not told them).
    pub(super) fn profile_choices(&self) -> Vec<String> {
        self.profile_names.clone().unwrap_or_default()
    }

    /// A command that parsed but names something that is not there: the error to show in
    /// the prompt, over the name as typed.
    pub(super) fn refused_before_running(
        &self,
        command: &Command,
        line: &str,
    ) -> Option<FilterError> {
        let Command::Profile { name } = command else {
            return None;
        };
        let names = self.profile_names.as_ref()?;
        if names.contains(name) {
            return None;
        }
        let message = if names.is_empty() {
            "the config file defines no [profiles.NAME] tables".to_owned()
        } else {
            format!("no profile `{name}`; defined: {}", names.join(", "))
        };
        let at = line.rfind(name.as_str()).unwrap_or(0);
        Some(FilterError {
            span: at..at + name.len(),
            message,
        })
    }
}
