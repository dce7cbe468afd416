//! Commands as data: one table of what `:` accepts (name, arguments, completion, help), and
//! the parser that turns a typed line into a [`Command`]. Nothing here does I/O.

use super::filter_expr::{self, FilterError, FilterExpr};
use std::ops::Range;

/// What Tab completes in a command's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Nothing,
    /// Filter terms: metadata keys (from `schema`), then values (from `field-values`).
    FilterTerms,
    /// Metadata keys, comma-separated.
    Keys,
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
    spec("help", &[], "", Completion::Nothing, "list the commands"),
    spec(
        "profile",
        &[],
        "NAME",
        Completion::Nothing,
        "switch to a [profiles.NAME] of the config file (asks first if edits are unsaved)",
    ),
    spec(
        "theme",
        &[],
        "NAME",
        Completion::Nothing,
        "colours: dark, light or high-contrast (NO_COLOR always wins)",
    ),
    spec(
        "quit",
        &["q"],
        "",
        Completion::Nothing,
        "quit (asks first if edits are unsaved)",
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
    Help,
    Quit,
    /// `:profile NAME`.
    Profile {
        name: String,
    },
    /// `:theme NAME`, a built-in theme.
    Theme {
        name: String,
    },
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

fn error(span: Range<usize>, message: impl Into<String>) -> FilterError {
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
        "profile" => Command::Profile {
            name: one_word(args, args_at, "a profile name")?,
        },
        "theme" => theme(args, args_at)?,
        _ => no_args(args, args_at, Command::Quit)?,
    };
    Ok(Some(command))
}

/// Moves an error found in `args` to where `args` sits in the whole line.
fn shifted(e: FilterError, by: usize) -> FilterError {
    error(e.span.start + by..e.span.end + by, e.message)
}

fn filter(args: &str, at: usize) -> Result<Command, FilterError> {
    let text = args.trim();
    if text.is_empty() {
        return Ok(Command::ClearFilter);
    }
    let expr = filter_expr::parse(args).map_err(|e| shifted(e, at))?;
    Ok(Command::Filter {
        text: text.to_owned(),
        expr,
    })
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

fn no_args(args: &str, at: usize, command: Command) -> Result<Command, FilterError> {
    let extra = args.trim();
    if extra.is_empty() {
        return Ok(command);
    }
    let from = at + (args.len() - args.trim_start().len());
    Err(error(
        from..from + extra.len(),
        "this command takes no arguments",
    ))
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
