//! Commands as data: one table of what `:` accepts (name, arguments, completion, help), and
//! the parser that turns a typed line into a [`Command`]. Nothing here does I/O.

mod args;

use super::arrange::Sort;
use super::filter_expr::{FilterError, FilterExpr};
use super::set_expr::Assignment;
use args::{arranged, bare_id, filter, no_args};
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
        "export" => file_arg(args, args_at, &["csv", "jsonl"]).map(|path| Command::Export {
            path,
            overwrite: name.ends_with('!'),
        })?,
        "import" => Command::Import {
            path: file_arg(args, args_at, &["csv"])?,
        },
        "keys" => no_args(args, args_at, Command::Keys)?,
        _ => arranged(spec.name, args, args_at)?,
    };
    Ok(Some(command))
}

/// A file name (spaces allowed) that ends in one of `extensions`.
fn file_arg(args: &str, at: usize, extensions: &[&str]) -> Result<String, FilterError> {
    let path = args.trim();
    let from = at + (args.len() - args.trim_start().len());
    let wanted = extensions
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(" or ");
    if path.is_empty() {
        return Err(error(
            from..from + 1,
            format!("give a file name ending in {wanted}"),
        ));
    }
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !ext.is_some_and(|e| extensions.contains(&e.as_str())) {
        return Err(error(
            from..from + path.len(),
            format!("the file name must end in {wanted}"),
        ));
    }
    Ok(path.to_owned())
}

fn new(args: &str, at: usize) -> Result<Command, FilterError> {
    let mut record_type = None;
    let mut copy = false;
    let mut offset = 0;
    for word in args.split_whitespace() {
        let from = at + offset + args[offset..].find(word).unwrap_or(0);
        offset = from - at + word.len();
        match word {
            "--copy" => copy = true,
            w if w.starts_with("--") => {
                return Err(error(from..from + w.len(), "the only option is --copy"));
            }
            w if record_type.is_none() && !copy => record_type = Some(w.to_owned()),
            w => {
                return Err(error(
                    from..from + w.len(),
                    "one type, or --copy (a copy keeps its type)",
                ));
            }
        }
    }
    if copy && record_type.is_some() {
        return Err(error(
            at..at + args.len(),
            "a copy keeps its type: drop TYPE",
        ));
    }
    Ok(Command::New { record_type, copy })
}

fn theme(args: &str, at: usize) -> Result<Command, FilterError> {
    let names = super::theme::THEMES;
    let name = one_word(args, at, &format!("a theme: {}", names.join(", ")))?;
    if !names.contains(&name.as_str()) {
        let from = at + (args.len() - args.trim_start().len());
        return Err(error(
            from..from + name.len(),
            format!("no theme `{name}`; built in: {}", names.join(", ")),
        ));
    }
    Ok(Command::Theme { name })
}

fn yank(args: &str, at: usize) -> Result<Command, FilterError> {
    use super::external::Yank;
    let what = one_word(args, at, "what to copy: field or curl")?;
    match what.as_str() {
        "field" => Ok(Command::Yank(Yank::Field)),
        "curl" => Ok(Command::Yank(Yank::Curl)),
        _ => {
            let from = at + (args.len() - args.trim_start().len());
            Err(error(from..from + what.len(), "field or curl"))
        }
    }
}

fn edit(args: &str, at: usize) -> Result<Command, FilterError> {
    match args.trim() {
        "" => Ok(Command::Edit { metadata: false }),
        "metadata" => Ok(Command::Edit { metadata: true }),
        other => {
            let from = at + (args.len() - args.trim_start().len());
            Err(error(from..from + other.len(), "nothing, or metadata"))
        }
    }
}

/// Exactly one argument, as typed (`what` says what it should be).
fn one_word(args: &str, at: usize, what: &str) -> Result<String, FilterError> {
    let from = at + (args.len() - args.trim_start().len());
    let mut words = args.split_whitespace();
    let Some(word) = words.next() else {
        return Err(error(at..at, format!("give {what}")));
    };
    if words.next().is_some() {
        let extra = args.trim_start()[word.len()..].trim();
        let start = from + args.trim_start().find(extra).unwrap_or(word.len());
        return Err(error(start..start + extra.len(), "only one argument"));
    }
    Ok(word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::blank("   ", None)]
    #[case::help("help", Some(Command::Help))]
    #[case::quit("quit", Some(Command::Quit))]
    #[case::q_alias(" q ", Some(Command::Quit))]
    #[case::clear("filter  ", Some(Command::ClearFilter))]
    #[case::profile("profile  prod ", Some(Command::Profile { name: "prod".into() }))]
    #[case::theme("theme light", Some(Command::Theme { name: "light".into() }))]
    #[case::new("new", Some(Command::New { record_type: None, copy: false }))]
    #[case::new_type("new ticket", Some(Command::New { record_type: Some("ticket".into()), copy: false }))]
    #[case::new_copy("new --copy", Some(Command::New { record_type: None, copy: true }))]
    #[case::columns("columns status, priority,assignee", Some(Command::Columns(vec!["status".into(), "priority".into(), "assignee".into()])))]
    #[case::automatic_columns("columns", Some(Command::Columns(Vec::new())))]
    #[case::sort_desc(
        "sort priority DESC",
        Some(Command::Sort(Some(Sort::new("priority", true))))
    )]
    #[case::sort_clear("sort", Some(Command::Sort(None)))]
    #[case::open("open record_01abc", Some(Command::Open("record_01abc".into())))]
    #[case::pasted_id(" record_01hx9k2m ", Some(Command::Open("record_01hx9k2m".into())))]
    #[case::pasted_uuid("3f2b8c1e-9d4a-4b6e-8f00-1a2b3c4d5e6f", Some(Command::Open("3f2b8c1e-9d4a-4b6e-8f00-1a2b3c4d5e6f".into())))]
    #[case::view("view mine", Some(Command::ViewApply("mine".into())))]
    #[case::view_save("view save mine", Some(Command::ViewSave("mine".into())))]
    #[case::views("views", Some(Command::Views))]
    #[case::select_all("select all", Some(Command::SelectAll))]
    #[case::unset("unset a b", Some(Command::Unset(vec!["a".into(), "b".into()])))]
    #[case::delete("delete", Some(Command::Delete))]
    #[case::yank_field("yank field", Some(Command::Yank(crate::app::external::Yank::Field)))]
    #[case::yank_curl(" yank  curl ", Some(Command::Yank(crate::app::external::Yank::Curl)))]
    #[case::edit("edit", Some(Command::Edit { metadata: false }))]
    #[case::edit_metadata("edit metadata", Some(Command::Edit { metadata: true }))]
    #[case::export("export ~/out.jsonl", Some(Command::Export { path: "~/out.jsonl".into(), overwrite: false }))]
    #[case::export_over("export!  my file.CSV ", Some(Command::Export { path: "my file.CSV".into(), overwrite: true }))]
    #[case::import("import in.csv", Some(Command::Import { path: "in.csv".into() }))]
    fn parses_simple_commands(#[case] line: &str, #[case] want: Option<Command>) {
        assert_eq!(parse(line), Ok(want));
    }

    #[test]
    fn filter_keeps_the_text_and_compiles_it() {
        let Ok(Some(Command::Filter { text, expr })) = parse("filter  type=ticket status=open ")
        else {
            panic!("not a filter");
        };
        assert_eq!(text, "type=ticket status=open");
        assert_eq!(expr.record_type.as_deref(), Some("ticket"));
        assert!(expr.where_.is_some());
    }

    /// Each case: the line and the part the error underlines.
    #[rstest]
    #[case::unknown_command("flter status=open", "flter")]
    #[case::filter_error_is_placed_in_the_line("filter status=open olga", "olga")]
    #[case::filter_error_after_unicode("filter name~注文 =x", "=")]
    #[case::extra_argument("help me", "me")]
    #[case::extra_after_quit("q now please", "now please")]
    #[case::profile_takes_one_name("profile prod staging", "staging")]
    #[case::unknown_theme("theme  solarized", "solarized")]
    #[case::new_two_types("new ticket doc", "doc")]
    #[case::new_bad_option("new --cpy", "--cpy")]
    #[case::short_word_is_no_id("flter2", "flter2")]
    #[case::sort_direction("sort priority down", "down")]
    #[case::open_two("open a b", "b")]
    #[case::select_what("select some", "some")]
    #[case::set_value_missing("set status", "status")]
    #[case::view_with_spaces("view my view", "view")]
    #[case::yank_what("yank id", "id")]
    #[case::edit_what("edit  name ", "name")]
    fn errors_point_into_the_line(#[case] line: &str, #[case] underlined: &str) {
        let e = parse(line).expect_err("must fail");
        assert_eq!(&line[e.span.clone()], underlined, "{e:?}");
    }

    #[test]
    fn help_has_one_line_per_command_from_the_table() {
        let lines = help_lines();
        assert_eq!(lines.len(), COMMANDS.len());
        assert!(lines.iter().any(|(u, _)| u == "quit (q)"));
        assert!(
            lines
                .iter()
                .any(|(u, h)| u == "filter [EXPR]" && h.contains("server"))
        );
    }

    #[test]
    fn every_name_and_alias_is_unique() {
        let mut names: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
