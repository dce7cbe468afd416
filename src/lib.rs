//! runtype-tui: a terminal browser and editor for Runtype Records, with a local sandbox.
//!
//! # Module map
//!
//! - [`api`]: the typed Records API client. Knows HTTP and JSON, nothing about screens;
//!   `api::exact` keeps numbers spelled as the server sent them (`1E+2` stays `1E+2`);
//!   `api::raw` list pages left as the server's JSON, for the JSON Lines export.
//! - [`app`]: all state and all decisions. `app::update(&mut App, Msg) -> Vec<Effect>` is the
//!   only place state changes; it is pure (no terminal, network, clock or disk). The list keeps
//!   compact `app::row::Row`s (what it shows and searches); the detail view and the form work on
//!   full records fetched when opened. `app::form` is the edit form (with undo and the diff of
//!   what changed); `app::action` the verbs and the key map in force (defaults plus the config's `[keys]`),
//!   from which key presses, help, hints and `:keys` (`app::keys_screen`) are generated;
//!   `app::command` the `:` command table, `app::filter_expr` (kept in `api::filter_expr`
//!   so headless commands share it) the `:filter` syntax compiled into `api::RecordFilter`, `app::complete` Tab completion in the `:` prompt;
//!   `app::filter_builder` the `F` builder (field, operator, value, term by term, with the
//!   `:filter` line it spells and the `preview-filter` count; applied as that `:filter` line);
//!   `app::arrange` columns and sort of the loaded rows, `app::views` saved views (data),
//!   `app::selection` the selected ids or filter, `app::bulk` the preview/confirm/apply
//!   machine of `:set`, `:unset` and `:delete`; `app::help` the help overlay and
//!   `app::messages` the log of the last 100 messages; `app::clash` who holds the name and
//!   type a save clashed with (409); `app::profile` read-only and
//!   protected profiles and `:profile`, `app::theme` the theme chosen, `app::copy` what
//!   `y`/`Y` copy; `app::triage` triage mode (the queue, its
//!   one-key actions sent through the form's conflict-checked save, fetch-ahead, undo;
//!   `app::triage::more` grows the queue with the list's next page);
//!   `app::external` `:yank` and what goes to and comes back from `$EDITOR`
//!   (`app::form::external` the form's side); `app::files` `:export` in the background
//!   and the `:import` screen, `app::files::preview` what an import would send; `app::tabs`
//!   the detail view's tabs (fields, messages, runs with their steps, costs, raw JSON), each
//!   loaded on first view.
//! - [`runtime`]: the only code with I/O: the event loop, effect tasks, terminal setup and
//!   teardown, signals (honoured within a second even when a frame is stuck), Ctrl-Z, the
//!   draft journal (`runtime::drafts`, one directory per running instance, written in order
//!   by its own thread, `runtime::journal`), the `:` history (`runtime::history`), the
//!   saved-views file (`runtime::views`), the journal of writes with undo
//!   (`runtime::writes`, `runtime::undo`), `:profile` swapping client, journal and history
//!   (`runtime::switch`, through a connector the command line builds) and OSC 52 copy
//!   (`runtime::clipboard`), `$EDITOR` on a 0600 temp file (`runtime::editor`), the files
//!   of `:export` and `:import` (`runtime::files`, the export sending progress as it goes),
//!   the detail tabs' requests (`runtime::record_history`); it sends
//!   a frame only when it differs from the screen, scrolling rows with the terminal where it can.
//! - [`ui`]: pure rendering from `&App`; `ui::text` is the one place server text is made safe;
//!   `ui::tabs` and `ui::runs` draw the detail view's tabs;
//!   `ui::theme` the built-in themes by role, overrides, and `NO_COLOR`.
//! - [`config`]: base URL, API key and profile from the command line, environment and config
//!   file (`config::file` the format with `[profiles.NAME]` and `[theme]`, `config::keys`
//!   `[keys]` as written, with lines; `config::resolve` precedence and key sources).
//! - [`log`]: the support log (off unless asked for): requests, effects, save outcomes; never
//!   the key. `api` and `runtime` write to it through `tracing`.
//! - [`sandbox`]: a local stand-in of the Records API (axum + SQLite) for trying the app
//!   offline and for tests. Shares nothing with the app; it speaks only the wire format.
//! - [`transfer`]: records out to a file (the API's CSV streamed, the list paged into JSON
//!   Lines, a temporary file renamed only when complete), shared by `cli::export` and the
//!   app's `:export`; uses `api` only.
//! - [`cli`]: command-line definitions; `main.rs` only parses and dispatches;
//!   `cli::connect` turns config and flags into a client (sandbox, profile or plain URL);
//!   `cli::keys` the config's `[keys]` into the app's key map;
//!   the headless commands `cli::export` (CSV or JSON Lines to a file or stdout) and
//!   `cli::completions` use `api` only.
//!
//! # The cycle
//!
//! Terminal input and finished effects become [`app::Msg`]s; `update` applies one and returns
//! [`app::Effect`]s (data, each request with a ticket); the runtime runs each effect on a task
//! and sends exactly one `Msg` back (an export sends progress before it); a result whose ticket is no longer current is dropped.
//! The runtime draws with `ui::render` once its queue is empty, after `Msg::Clock` sets the
//! time the frame's relative times are drawn against. `ARCHITECTURE.md` tells the same in
//! more words, with recipes.
//!
//! Dependencies point one way: `ui -> app -> api`, `runtime -> {app, ui, api, transfer}`,
//! `cli -> {runtime, config, sandbox, api, transfer}`, `transfer -> api`; `sandbox` depends
//! on nothing else in the crate.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod log;
pub mod runtime;
pub mod sandbox;
pub mod transfer;
pub mod ui;
