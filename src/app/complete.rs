//! Tab in the `:` prompt: what the word at the end of the line can become, from the command
//! table, the metadata keys of the type in play (`schema`) and a key's common values
//! (`field-values`, with counts). Server answers are kept, so each is asked for once.

use super::command::{self, COMMANDS, Completion};
use super::{App, Effect, Prompt, Ticket};
use crate::api::ApiError;
use std::collections::{BTreeSet, HashMap};

/// Keys every record has, offered beside the metadata keys.
const COLUMNS: [&str; 5] = ["name", "type", "id", "createdAt", "updatedAt"];

/// What the server told us, per type.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub keys: HashMap<String, Vec<String>>,
    pub values: HashMap<(String, String), Vec<(String, u64)>>,
}

/// One thing Tab can put in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    /// How many records hold the value, when the server said.
    pub count: Option<u64>,
}

/// The choices Tab offered for the text from byte `start` on; Tab again cycles them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub start: usize,
    pub candidates: Vec<Candidate>,
    pub selected: Option<usize>,
}

/// What the end of the line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Command {
        start: usize,
    },
    Key {
        start: usize,
    },
    Value {
        start: usize,
        key: String,
    },
    Type {
        start: usize,
    },
    /// A name from a fixed list: a profile or a theme.
    Name {
        start: usize,
        of: Completion,
    },
    Nothing,
}

impl Slot {
    fn start(&self) -> usize {
        match self {
            Slot::Command { start }
            | Slot::Key { start }
            | Slot::Value { start, .. }
            | Slot::Type { start }
            | Slot::Name { start, .. } => *start,
            Slot::Nothing => 0,
        }
    }
}

const OP_CHARS: &str = "=!<>~^$";

/// Where the last word of `line` starts and what it is.
pub fn slot(line: &str) -> Slot {
    let lead = line.len() - line.trim_start().len();
    let Some(name_end) = line[lead..].find(char::is_whitespace).map(|i| i + lead) else {
        return Slot::Command { start: lead };
    };
    let word_start = line.rfind(char::is_whitespace).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &line[word_start..];
    match command::find(&line[lead..name_end]).map(|c| c.completion) {
        Some(Completion::FilterTerms) => term_slot(word, word_start),
        Some(Completion::Keys) => Slot::Key {
            start: word_start + word.rfind(',').map_or(0, |i| i + 1),
        },
        Some(of @ (Completion::Profiles | Completion::Themes)) => Slot::Name {
            start: word_start,
            of,
        },
        _ => Slot::Nothing,
    }
}

fn term_slot(word: &str, at: usize) -> Slot {
    let body = usize::from(word.starts_with('!'));
    let Some(op) = word[body..]
        .find(|c| OP_CHARS.contains(c))
        .map(|i| i + body)
    else {
        return Slot::Key { start: at + body };
    };
    let key = word[body..op].to_owned();
    let value_at = word[op..]
        .find(|c| !OP_CHARS.contains(c))
        .map_or(word.len(), |i| i + op);
    let start = at + value_at + word[value_at..].rfind(',').map_or(0, |i| i + 1);
    if key == "type" {
        Slot::Type { start }
    } else {
        Slot::Value { start, key }
    }
}

/// A value or key as it must be typed: quoted when it holds a space, a comma or a quote.
pub fn as_typed(text: &str) -> String {
    let plain = !text.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == '"' || c == '\\');
    if plain {
        return text.to_owned();
    }
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn longest_common_prefix(items: &[Candidate]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut end = first.text.len();
    for c in &items[1..] {
        end = first.text[..end]
            .char_indices()
            .zip(c.text.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(c.text.len()), |((i, _), _)| i);
    }
    first.text[..end].to_owned()
}

fn plain(texts: impl IntoIterator<Item = String>, prefix: &str) -> Vec<Candidate> {
    let prefix = prefix.to_lowercase();
    texts
        .into_iter()
        .filter(|t| t.to_lowercase().starts_with(&prefix))
        .map(|text| Candidate { text, count: None })
        .collect()
}

/// What to offer, or the request whose answer is needed first.
enum Found {
    Candidates(Vec<Candidate>),
    Ask(Effect),
}

impl App {
    /// The type the line names (`type=x`), else the type filter in effect.
    fn type_in_play(&self, line: &str) -> Option<String> {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix("type=").filter(|t| !t.is_empty()))
            .map(|t| t.trim_matches('"').to_owned())
            .or_else(|| self.list.filter.record_type.clone())
    }

    fn find_candidates(&mut self, line: &str, slot: &Slot) -> Found {
        let prefix = &line[slot.start()..];
        let record_type = self.type_in_play(line);
        let found = match (slot, record_type) {
            (Slot::Command { .. }, _) => plain(COMMANDS.iter().map(|c| c.name.to_owned()), prefix),
            (Slot::Type { .. }, _) => plain(self.list.types_seen.iter().cloned(), prefix),
            (Slot::Name { of, .. }, _) if *of == Completion::Profiles => {
                plain(self.profile_choices(), prefix)
            }
            (Slot::Name { .. }, _) => {
                plain(super::theme::THEMES.iter().map(|t| (*t).to_owned()), prefix)
            }
            (Slot::Key { .. }, t) => {
                let mut keys: BTreeSet<String> = COLUMNS.iter().map(|k| (*k).to_owned()).collect();
                keys.extend(self.list.columns.iter().map(|c| c.key.clone()));
                if let Some(t) = t {
                    match self.known.keys.get(&t) {
                        Some(known) => keys.extend(known.iter().cloned()),
                        None => return self.ask_schema(t),
                    }
                }
                plain(keys.into_iter().map(|k| as_typed(&k)), prefix)
            }
            (Slot::Value { key, .. }, Some(t)) => {
                let Some(values) = self.known.values.get(&(t.clone(), key.clone())) else {
                    return self.ask_values(t, key.clone());
                };
                let lower = prefix.trim_start_matches('"').to_lowercase();
                values
                    .iter()
                    .filter(|(v, _)| v.to_lowercase().starts_with(&lower))
                    .map(|(v, n)| Candidate {
                        text: as_typed(v),
                        count: Some(*n),
                    })
                    .collect()
            }
            (Slot::Value { .. } | Slot::Nothing, _) => Vec::new(),
        };
        Found::Candidates(found)
    }

    fn ask_schema(&mut self, record_type: String) -> Found {
        let ticket = self.ticket();
        self.set_waiting(ticket);
        Found::Ask(Effect::LoadSchema {
            ticket,
            record_type,
        })
    }

    fn ask_values(&mut self, record_type: String, field: String) -> Found {
        let ticket = self.ticket();
        self.set_waiting(ticket);
        Found::Ask(Effect::LoadFieldValues {
            ticket,
            record_type,
            field,
        })
    }

    fn set_waiting(&mut self, ticket: Ticket) {
        if let Some(Prompt::Command(cl)) = self.prompt.as_mut() {
            cl.waiting = Some(ticket);
        }
    }

    /// Tab: cycles an offer still on screen, else completes the last word.
    pub(super) fn complete(&mut self) -> Vec<Effect> {
        let Some(Prompt::Command(cl)) = self.prompt.as_mut() else {
            return Vec::new();
        };
        let text = cl.field.text();
        if let Some(offer) = cl.offer.as_mut().filter(|o| o.candidates.len() > 1) {
            let next = offer
                .selected
                .map_or(0, |i| (i + 1) % offer.candidates.len());
            offer.selected = Some(next);
            let line = format!("{}{}", &text[..offer.start], offer.candidates[next].text);
            cl.field = super::form::TextField::new(&line, false);
            return Vec::new();
        }
        let slot = slot(&text);
        match self.find_candidates(&text, &slot) {
            Found::Ask(effect) => vec![effect],
            Found::Candidates(candidates) => {
                self.offer(&text, &slot, candidates);
                Vec::new()
            }
        }
    }

    /// One candidate is put in with a space after it (except keys: the operator comes next);
    /// several put in what they share and are shown.
    fn offer(&mut self, text: &str, slot: &Slot, candidates: Vec<Candidate>) {
        let Some(Prompt::Command(cl)) = self.prompt.as_mut() else {
            return;
        };
        let start = slot.start();
        let line = match candidates.as_slice() {
            [] => text.to_owned(),
            [one] if matches!(slot, Slot::Key { .. }) => format!("{}{}", &text[..start], one.text),
            [one] => format!("{}{} ", &text[..start], one.text),
            many => {
                let shared = longest_common_prefix(many);
                let typed = &text[start..];
                let keep = if shared.len() > typed.len() {
                    &shared
                } else {
                    typed
                };
                format!("{}{keep}", &text[..start])
            }
        };
        cl.set_text(&line);
        cl.waiting = None;
        cl.offer = (candidates.len() > 1).then_some(Offer {
            start,
            candidates,
            selected: None,
        });
    }

    pub(super) fn on_schema(
        &mut self,
        ticket: Ticket,
        record_type: String,
        result: Result<Vec<String>, ApiError>,
    ) -> Vec<Effect> {
        // A failure is remembered as "no keys", so Tab does not ask again and again.
        self.known
            .keys
            .insert(record_type, result.unwrap_or_default());
        self.resume_completion(ticket)
    }

    pub(super) fn on_field_values(
        &mut self,
        ticket: Ticket,
        key: (String, String),
        result: Result<Vec<(String, u64)>, ApiError>,
    ) -> Vec<Effect> {
        self.known.values.insert(key, result.unwrap_or_default());
        self.resume_completion(ticket)
    }

    /// Finishes the Tab that waited for this answer, if the prompt still waits for it.
    fn resume_completion(&mut self, ticket: Ticket) -> Vec<Effect> {
        match self.prompt.as_ref() {
            Some(Prompt::Command(cl)) if cl.waiting == Some(ticket) => self.complete(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::command_name("fil", Slot::Command { start: 0 })]
    #[case::empty("", Slot::Command { start: 0 })]
    #[case::first_key("filter ", Slot::Key { start: 7 })]
    #[case::key("filter status=open pri", Slot::Key { start: 19 })]
    #[case::not_set_key("filter !assi", Slot::Key { start: 8 })]
    #[case::value("filter status=op", Slot::Value { start: 14, key: "status".into() })]
    #[case::value_after_two_char_op("filter seats>=1", Slot::Value { start: 14, key: "seats".into() })]
    #[case::list_value("filter status=open,pe", Slot::Value { start: 19, key: "status".into() })]
    #[case::type_value("filter type=tic", Slot::Type { start: 12 })]
    #[case::no_args("help x", Slot::Nothing)]
    fn finds_the_slot(#[case] line: &str, #[case] want: Slot) {
        assert_eq!(slot(line), want);
    }

    #[rstest]
    #[case::plain("open", "open")]
    #[case::space("on hold", "\"on hold\"")]
    #[case::comma("a,b", "\"a,b\"")]
    #[case::quote("say \"hi\"", "\"say \\\"hi\\\"\"")]
    #[case::empty("", "\"\"")]
    fn quotes_what_would_not_parse_bare(#[case] text: &str, #[case] want: &str) {
        assert_eq!(as_typed(text), want);
    }

    #[test]
    fn common_prefix_stops_at_the_first_difference() {
        let c = |t: &str| Candidate {
            text: t.into(),
            count: None,
        };
        assert_eq!(longest_common_prefix(&[c("pending"), c("penguin")]), "pen");
        assert_eq!(longest_common_prefix(&[c("注文a"), c("注文b")]), "注文");
        assert_eq!(longest_common_prefix(&[c("ab"), c("a")]), "a");
    }
}
