//! Issue 12 §6: loading the config file and resolving it (profile, theme, `[keys]`, triage
//! keys) adds under 2 ms to the first frame. Measured on a realistic file: four profiles, a
//! `[theme]` table, a `[triage]` table and a `[keys]` table of 20 entries.

use criterion::{Criterion, criterion_group, criterion_main};
use runtype_tui::app::theme::ThemeChoice;
use runtype_tui::config::{self, FileConfig};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const CONFIG: &str = r##"
default_profile = "staging"

[profiles.sandbox]
base_url = "http://127.0.0.1:8080/v1"
api_key_env = "SANDBOX_KEY"

[profiles.staging]
base_url = "https://staging.example/v1"
api_key_env = "STAGING_KEY"
color = "yellow"

[profiles.prod]
base_url = "https://api.example/v1"
api_key = "rt_live_BENCHNOTAREALKEY0042"
protected = true
confirm = "every-write"
color = "#ff8800"

[profiles.audit]
base_url = "https://api.example/v1"
api_key_env = "AUDIT_KEY"
read_only = true
color = "light-blue"

[theme]
name = "dark"
selection = "bold black on yellow"
error = "underlined light-red"
muted = "dim"
key = "bold cyan"

[triage]
me = "olga"

[triage.keys]
"1" = "status=open"
"2" = "status=pending"
"3" = "status=solved assignee=<me>"
"p" = "cycle priority low normal high urgent"

[keys]
help = ["f1", "H"]
quit = "q"
refresh = ["r", "f5"]

[keys.list]
down = ["n", "down"]
up = ["p", "up"]
new-record = "N"
top = ["home", "<"]
bottom = ["end", ">"]
search = "/"
filter-type = "t"
toggle-mark = "space"

[keys.detail]
edit = ["e", "E"]
copy-json = "Y"
scroll-left = ["h", "left"]
scroll-right = ["l", "right"]

[keys.form]
save = ["ctrl-s", "f2"]
save-and-close = "alt-w"
command-line = "f3"
add-row = "ctrl-n"
jump-to-key = "ctrl-g"
"##;

/// What the start does with the file before the first frame: read and check it, choose and
/// resolve the profile, build the theme, the key map and the triage keys.
fn load_and_resolve(path: &Path) -> usize {
    let file: FileConfig = config::load(path).expect("loads");
    let env = |k: &str| (k == "STAGING_KEY").then(|| "rt_test_staging".to_owned());
    let name = config::choose_profile(None, &env, &file)
        .expect("chosen")
        .expect("a default");
    let settings =
        config::resolve_profile(&name, None, None, &env, &file, path.parent()).expect("resolves");
    let (theme, overrides) = file.theme_parts();
    let choice = ThemeChoice {
        name: theme.unwrap_or_else(|| "dark".into()),
        overrides,
    };
    runtype_tui::ui::theme::Theme::build(&choice, false).expect("theme");
    let keymap = runtype_tui::cli::keys::keymap(&file).expect("keys");
    let triage = file.triage.clone().unwrap_or_default();
    let triage_keys =
        runtype_tui::app::triage::Keymap::from_config(triage.me, &triage.keys).expect("triage");
    settings.base_url.len() + keymap.rows().len() + triage_keys.actions.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, CONFIG).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    c.bench_function("config_load_and_resolve", |b| {
        b.iter(|| black_box(load_and_resolve(&path)))
    });
    let runs = 500;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(load_and_resolve(&path));
    }
    println!(
        "issue 12 §6: config file ({} bytes, 4 profiles, [theme], [triage], 20 [keys] entries) \
         loaded and resolved in {:?}; target < 2ms",
        CONFIG.len(),
        start.elapsed() / runs
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
