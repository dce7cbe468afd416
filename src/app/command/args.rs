//! The arguments of the commands that arrange the list and change records: each parsed
//! with errors placed in the whole line.

use super::super::arrange::Sort;
use super::super::set_expr;
use super::{Command, error};
use crate::app::filter_expr::{self, FilterError};
use std::ops::Range;

/// The commands after `filter`, `help` and `quit`, each parsed from its arguments.
pub(super) fn arranged(name: &str, args: &str, at: usize) -> Result<Command, FilterError> {
    Ok(match name {
        "columns" => Command::Columns(columns(args)),
        "sort" => sort(args, at)?,
        "open" => Command::Open(one_word(args, at, "an id")?),
        "view" => view(args, at)?,
        "views" => no_args(args, at, Command::Views)?,
        "select" => select(args, at)?,
        "set" => Command::Set(set_expr::assignments(args).map_err(|e| shifted(e, at))?),
        "unset" => Command::Unset(set_expr::keys(args).map_err(|e| shifted(e, at))?),
        _ => no_args(args, at, Command::Delete)?,
    })
}

/// A pasted id: one word that is no command and looks like an id (a digit and at least
/// eight id characters), so a mistyped command name is reported rather than fetched.
pub(super) fn bare_id(rest: &str) -> Option<&str> {
    let word = rest.trim();
    let id_chars = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (id_chars && word.len() >= 8 && word.chars().any(|c| c.is_ascii_digit())).then_some(word)
}

fn columns(args: &str) -> Vec<String> {
    args.split([',', ' '])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of `args`, each with its byte span in the whole line.
fn words(args: &str, at: usize) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut rest = args;
    let mut offset = at;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        let len = rest[start..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - start);
        out.push((
            &rest[start..start + len],
            offset + start..offset + start + len,
        ));
        offset += start + len;
        rest = &rest[start + len..];
    }
    out
}

/// The span that marks a missing argument: the end of the line, one character wide.
fn missing(args: &str, at: usize) -> Range<usize> {
    let end = at + args.trim_end().len();
    end..end + 1
}

pub(super) fn one_word(args: &str, at: usize, what: &str) -> Result<String, FilterError> {
    match words(args, at).as_slice() {
        [(w, _)] => Ok((*w).to_owned()),
        [] => Err(error(missing(args, at), format!("give {what}"))),
        [_, (_, extra), ..] => Err(error(
            extra.start..at + args.trim_end().len(),
            "one word only",
        )),
    }
}

fn sort(args: &str, at: usize) -> Result<Command, FilterError> {
    match words(args, at).as_slice() {
        [] => Ok(Command::Sort(None)),
        [(key, _)] => Ok(Command::Sort(Some(Sort::new(key, false)))),
        [(key, _), (dir, span)] => match dir.to_ascii_lowercase().as_str() {
            "desc" => Ok(Command::Sort(Some(Sort::new(key, true)))),
            "asc" => Ok(Command::Sort(Some(Sort::new(key, false)))),
            _ => Err(error(span.clone(), "asc or desc")),
        },
        [_, _, (_, extra), ..] => Err(error(
            extra.start..at + args.trim_end().len(),
            "KEY [desc] only",
        )),
    }
}

fn view(args: &str, at: usize) -> Result<Command, FilterError> {
    match words(args, at).as_slice() {
        [("save", span)] => Err(error(span.end..span.end + 1, "give the view a name")),
        [("save", _), (name, _)] => Ok(Command::ViewSave((*name).to_owned())),
        [(name, _)] => Ok(Command::ViewApply((*name).to_owned())),
        [] => Err(error(
            missing(args, at),
            "give a view name (:views lists them)",
        )),
        [_, (_, extra), ..] => Err(error(
            extra.start..at + args.trim_end().len(),
            "one name (no spaces)",
        )),
    }
}

fn select(args: &str, at: usize) -> Result<Command, FilterError> {
    match words(args, at).as_slice() {
        [("all", _)] => Ok(Command::SelectAll),
        [] => Err(error(missing(args, at), "say :select all")),
        [(_, span), ..] => Err(error(
            span.start..at + args.trim_end().len(),
            "only `all` is known",
        )),
    }
}

/// Moves an error found in `args` to where `args` sits in the whole line.
pub(super) fn shifted(e: FilterError, by: usize) -> FilterError {
    error(e.span.start + by..e.span.end + by, e.message)
}

pub(super) fn filter(args: &str, at: usize) -> Result<Command, FilterError> {
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

pub(super) fn no_args(args: &str, at: usize, command: Command) -> Result<Command, FilterError> {
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

/// A file name (spaces allowed) that ends in one of `extensions`.
pub(super) fn file_arg(args: &str, at: usize, extensions: &[&str]) -> Result<String, FilterError> {
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

pub(super) fn new(args: &str, at: usize) -> Result<Command, FilterError> {
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

pub(super) fn theme(args: &str, at: usize) -> Result<Command, FilterError> {
    let names = crate::app::theme::THEMES;
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

pub(super) fn yank(args: &str, at: usize) -> Result<Command, FilterError> {
    use crate::app::external::Yank;
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

pub(super) fn edit(args: &str, at: usize) -> Result<Command, FilterError> {
    match args.trim() {
        "" => Ok(Command::Edit { metadata: false }),
        "metadata" => Ok(Command::Edit { metadata: true }),
        other => {
            let from = at + (args.len() - args.trim_start().len());
            Err(error(from..from + other.len(), "nothing, or metadata"))
        }
    }
}
