//! The command table and parser: every command parses, errors point into the line.

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
    let Ok(Some(Command::Filter { text, expr })) = parse("filter  type=ticket status=open ") else {
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
