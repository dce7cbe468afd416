//! Commands as data: one table of what `:` accepts (name, arguments, completion, help), and
//! the parser that turns a typed line into a [`Command`]. Nothing here does I/O.

mod args;

use super::arrange::Sort;
use super::filter_expr::{FilterError, FilterExpr};
use super::set_expr::Assignment;
use args::{arranged, bare_id, edit, file_arg, filter, new, no_args, one_word, theme, yank};
use std::ops::Range;

/// What Tab completes in a command's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Nothing,
    /// Filter terms: metadata keys (from `schema`), then values (from `field-values`).
    FilterTerms,
    /// Metadata keys, comma-separated.
    Keys,
    /// The names of the config file's profiles.
    Profiles,
    /// The built-in themes.
    Themes,
}

/// One command of the table.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub args: &'static str,
    pub completion: Completion,
    pub help: &'static str,
}

const fn spec(
    name: &'static str,
    aliases: &'static [&'static str],
    args: &'static str,
    completion: Completion,
    help: &'static str,
) -> CommandSpec {
    CommandSpec {
        name,
        aliases,
        args,
        completion,
        help,
    }
}

/// Every command. `:help` and Tab completion are generated from this table.
pub const COMMANDS: &[CommandSpec] = &[
    spec(
        "filter",
        &[],
        "[EXPR]",
        Completion::FilterTerms,
        "filter on the server, e.g. status=open priority=high,urgent; alone: clear",
    ),
    spec(
        "columns",
        &[],
        "[KEY,KEY,...]",
        Completion::Keys,
        "metadata columns of the list, e.g. status,priority,assignee; alone: automatic",
    ),
    spec(
        "sort",
        &[],
        "[KEY [desc]]",
        Completion::Keys,
        "sort the loaded rows by a key (not a server order); alone: load order",
    ),
    spec(
        "open",
        &[],
        "ID",
        Completion::Nothing,
        "open a record by id, loaded or not (a bare id at : does the same)",
    ),
    spec(
        "view",
        &[],
        "NAME | save NAME",
        Completion::Nothing,
        "apply a saved view, or save filter, search, type, columns and sort as one",
    ),
    spec(
        "views",
        &[],
        "",
        Completion::Nothing,
        "list the saved views",
    ),
    spec(
        "select",
        &[],
        "all",
        Completion::Nothing,
        "select every record matching the current filter (kept as the filter)",
    ),
    spec(
        "set",
        &[],
        "KEY=VALUE ...",
        Completion::FilterTerms,
        "set metadata on the selection (or the current row), after a preview",
    ),
    spec(
        "unset",
        &[],
        "KEY ...",
        Completion::Keys,
        "remove metadata keys from the selection (or the current row), after a preview",
    ),
    spec(
        "delete",
        &[],
        "",
        Completion::Nothing,
        "delete the selection (or the current row), after a preview and typing the count",
    ),
    spec(
        "triage",
        &[],
        "",
        Completion::Nothing,
        "work the list as a queue: one key per ticket (T does the same)",
    ),
    spec("help", &[], "", Completion::Nothing, "list the commands"),
    spec(
        "messages",
        &[],
        "",
        Completion::Nothing,
        "the full text of the last 100 messages (also M)",
    ),
    spec(
        "history",
        &[],
        "",
        Completion::Nothing,
        "the journal of writes, newest first: Enter opens the record, u undoes",
    ),
    spec(
        "undo",
        &[],
        "",
        Completion::Nothing,
        "revert the newest write (never over a change made since)",
    ),
    spec(
        "new",
        &[],
        "[TYPE] [--copy]",
        Completion::Nothing,
        "a new record (of TYPE, or the type filtered on); --copy starts from the selected one",
    ),
    spec(
        "profile",
        &[],
        "NAME",
        Completion::Profiles,
        "switch to a [profiles.NAME] of the config file (asks first if edits are unsaved)",
    ),
    spec(
        "theme",
        &[],
        "NAME",
        Completion::Themes,
        "colours: dark, light or high-contrast (NO_COLOR always wins)",
    ),
    spec(
        "yank",
        &[],
        "field | curl",
        Completion::Nothing,
        "copy (OSC 52) the focused form value, or a curl command fetching the record",
    ),
    spec(
        "edit",
        &[],
        "[metadata]",
        Completion::Nothing,
        "the focused value in $VISUAL/$EDITOR (also Ctrl-X Ctrl-E); metadata: all as JSON",
    ),
    spec(
        "quit",
        &["q"],
        "",
        Completion::Nothing,
        "quit (asks first if edits are unsaved)",
    ),
    spec(
        "export",
        &["export!"],
        "FILE.csv|FILE.jsonl",
        Completion::Nothing,
        "the records of the current filter to a file (export! replaces one already there)",
    ),
    spec(
        "import",
        &[],
        "FILE.csv",
        Completion::Nothing,
        "create records from a CSV file, after a preview",
    ),
    spec(
        "keys",
        &[],
        "",
        Completion::Nothing,
        "the keys in force in every context, remapped ones marked (config [keys])",
    ),
];

/// A parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `:filter EXPR`: the expression as typed (for the title and history) and compiled.
    Filter {
        text: String,
        expr: FilterExpr,
    },
    /// `:filter` alone.
    ClearFilter,
    /// `:columns`: the metadata keys to show; empty means chosen from the data.
    Columns(Vec<String>),
    /// `:sort`: `None` goes back to the order the server sent.
    Sort(Option<Sort>),
    Open(String),
    ViewApply(String),
    ViewSave(String),
    Views,
    SelectAll,
    Set(Vec<Assignment>),
    Unset(Vec<String>),
    Delete,
    Triage,
    Help,
    History,
    Undo,
    /// `:profile NAME`.
    Profile {
        name: String,
    },
    /// `:theme NAME`, a built-in theme.
    Theme {
        name: String,
    },
    /// `:new [TYPE]`, or `:new --copy`.
    New {
        record_type: Option<String>,
        copy: bool,
    },
    Messages,
    /// `:yank field` or `:yank curl`.
    Yank(super::external::Yank),
    /// `:edit`, or `:edit metadata` (the whole object).
    Edit {
        metadata: bool,
    },
    Quit,
    /// `:export FILE` (`:export! FILE` replaces a file already there).
    Export {
        path: String,
        overwrite: bool,
    },
    /// `:import FILE.csv`.
    Import {
        path: String,
    },
    /// `:keys`: the table of keys in force.
    Keys,
}

impl CommandSpec {
    /// How the command is written in help: `filter [EXPR]`, `quit (q)`.
    pub fn usage(&self) -> String {
        let mut usage = self.name.to_owned();
        if !self.args.is_empty() {
            usage = format!("{usage} {}", self.args);
        }
        if !self.aliases.is_empty() {
            usage = format!("{usage} ({})", self.aliases.join(", "));
        }
        usage
    }
}

/// The spec a typed name means, by name or alias.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// `:help`'s lines: usage and one line of help per command, in table order.
pub fn help_lines() -> Vec<(String, &'static str)> {
    COMMANDS.iter().map(|c| (c.usage(), c.help)).collect()
}

pub(super) fn error(span: Range<usize>, message: impl Into<String>) -> FilterError {
    FilterError {
        span,
        message: message.into(),
    }
}

/// Parses a line (without the `:`). `Ok(None)` for a blank line: nothing to run.
pub fn parse(line: &str) -> Result<Option<Command>, FilterError> {
    let start = line.len() - line.trim_start().len();
    let rest = &line[start..];
    if rest.is_empty() {
        return Ok(None);
    }
    let name_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let name_span = start..start + name_len;
    let name = &line[name_span.clone()];
    let Some(spec) = find(name) else {
        if let Some(id) = bare_id(rest) {
            return Ok(Some(Command::Open(id.to_owned())));
        }
        return Err(error(
            name_span,
            format!("no command `{name}`; :help lists them"),
        ));
    };
    let args_at = name_span.end;
    let args = &line[args_at..];
    let command = match spec.name {
        "filter" => filter(args, args_at)?,
        "help" => no_args(args, args_at, Command::Help)?,
        "new" => new(args, args_at)?,
        "history" => no_args(args, args_at, Command::History)?,
        "undo" => no_args(args, args_at, Command::Undo)?,
        "messages" => no_args(args, args_at, Command::Messages)?,
        "profile" => Command::Profile {
            name: one_word(args, args_at, "a profile name")?,
        },
        "theme" => theme(args, args_at)?,
        "yank" => yank(args, args_at)?,
        "edit" => edit(args, args_at)?,
        "quit" => no_args(args, args_at, Command::Quit)?,
        "triage" => no_args(args, args_at, Command::Triage)?,
        "export" => {
            file_arg(args, args_at, &["csv", "jsonl", "ndjson"]).map(|path| Command::Export {
                path,
                overwrite: name.ends_with('!'),
            })?
        }
        "import" => Command::Import {
            path: file_arg(args, args_at, &["csv"])?,
        },
        "keys" => no_args(args, args_at, Command::Keys)?,
        _ => arranged(spec.name, args, args_at)?,
    };
    Ok(Some(command))
}

#[cfg(test)]
mod tests;
