//! DisplayText: the one place server text is made safe to show. Control characters become
//! visible (`^[`), bidi overrides and invisible characters become `<U+202E>`-style markers,
//! line breaks and tabs become single-line symbols. The raw value is never changed; only
//! what is drawn.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that change how other text is shown without showing themselves: every format
/// character (general category Cf), line and paragraph separators (Zl, Zp) and every
/// default-ignorable code point (Hangul fillers, variation selectors, tag characters, the
/// interlinear annotation marks). Each is drawn as a `<U+XXXX>` marker, so hidden text is
/// visible to the operator.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2
        | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F | 0x200B..=0x200F
        | 0x2028..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0xFFF0..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// Emoji and pictographs, between which a zero-width joiner is part of the glyph.
fn is_pictographic(c: Option<char>) -> bool {
    c.is_some_and(|c| matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF | 0xFE0F))
}

/// What an emoji presentation selector (U+FE0E, U+FE0F) may follow and still be part of an
/// emoji: a pictograph, a keycap base, or another symbol (`©`, `↔`, `▶`). After a letter or a
/// space it hides nothing of an emoji, so it is shown as a marker there.
fn takes_presentation_selector(prev: Option<char>) -> bool {
    is_pictographic(prev)
        || prev.is_some_and(|p| {
            matches!(p, '0'..='9' | '#' | '*' | '\u{A9}' | '\u{AE}')
                || ((p as u32) >= 0x2000 && !is_invisible(p) && !p.is_alphanumeric())
        })
}

/// Parts of emoji sequences that terminals draw at different widths (skin tones, keycaps).
/// Dropped from what is drawn, so every terminal agrees on the width; the raw value keeps
/// them. Tag characters are not among them: they can spell hidden text, so they are shown.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF | 0x20E3)
}

fn regional_letter(c: char) -> Option<char> {
    let n = (c as u32).checked_sub(0x1F1E6).filter(|n| *n < 26)?;
    char::from_u32(u32::from(b'A') + n)
}

fn push_visible(out: &mut String, c: char, prev: Option<char>, next: Option<char>) {
    if let Some(letter) = regional_letter(c) {
        // Flags are drawn as one, two or four cells depending on the terminal; letters are not.
        out.push(letter);
        return;
    }
    match c {
        c if is_emoji_modifier(c) => {}
        '\u{FE0E}' | '\u{FE0F}' if takes_presentation_selector(prev) => {}
        '\n' => out.push('↵'),
        '\r' => out.push('␍'),
        '\t' => out.push('⇥'),
        '\u{7f}' => out.push_str("^?"),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(c as u8 + 0x40));
        }
        c if (0x80..=0x9F).contains(&(c as u32)) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        // A joiner inside an emoji sequence: the parts are drawn side by side instead.
        '\u{200D}' if is_pictographic(prev) && is_pictographic(next) => {}
        c if is_invisible(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        c => out.push(c),
    }
}

fn needs_work(c: char) -> bool {
    (c as u32) < 0x20
        || (0x7F..=0x9F).contains(&(c as u32))
        || is_invisible(c)
        || is_emoji_modifier(c)
        || regional_letter(c).is_some()
}

/// The text as it may be drawn: one line, nothing that can steer the terminal.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_work) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        push_visible(&mut out, c, prev, chars.get(i + 1).copied());
    }
    Cow::Owned(out)
}

/// Display width in terminal cells, measured per grapheme as the renderer does.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// How many bytes are looked at to fill `max` cells before a text counts as too long: a
/// run of zero-width characters must not make drawing one cell cost the whole value.
fn scan_limit(max: usize) -> usize {
    max.saturating_mul(16).saturating_add(64)
}

/// Safe text cut to at most `max` cells, ending in `…` when cut; never splits a grapheme.
/// Costs what is shown, not the length of `text`: a megabyte value is drawn as fast as a word.
pub fn fit(text: &str, max: usize) -> String {
    let limit = scan_limit(max);
    let mut out = String::new();
    let (mut used, mut scanned) = (0, 0);
    // The longest prefix that still leaves a cell for the ellipsis.
    let mut room_for_mark = 0;
    for g in text.graphemes(true) {
        scanned += g.len();
        let shown = safe(g);
        let w = width(&shown);
        if used + w > max || scanned > limit {
            out.truncate(room_for_mark);
            if max > 0 {
                out.push('…');
            }
            return out;
        }
        out.push_str(&shown);
        used += w;
        if used < max {
            room_for_mark = out.len();
        }
    }
    out
}

/// The end of `text` that fits in `max` cells, made safe: what is shown left of a cursor
/// when a long line is scrolled sideways. Costs what is shown, like [`fit`].
pub fn fit_end(text: &str, max: usize) -> String {
    fit_end_cut(text, max).0
}

/// [`fit_end`], and whether anything was left out before it.
fn fit_end_cut(text: &str, max: usize) -> (String, bool) {
    let limit = scan_limit(max);
    let mut parts = Vec::new();
    let (mut used, mut scanned) = (0, 0);
    let mut cut = false;
    for g in text.graphemes(true).rev() {
        scanned += g.len();
        let shown = safe(g);
        let w = width(&shown);
        if used + w > max || scanned > limit {
            cut = true;
            break;
        }
        used += w;
        parts.push(shown);
    }
    (parts.iter().rev().map(|p| p.as_ref()).collect(), cut)
}

/// A one-line input drawn in `room` cells with its cursor (at byte `at`) always in view:
/// as much as fits before the cursor, then what fits after it; a `…` marks each side that
/// is cut. Returns the text and the cursor's column in it.
pub fn around_cursor(text: &str, at: usize, room: usize) -> (String, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = text.split_at(at);
    let (mut head, cut) = fit_end_cut(before, room.saturating_sub(1));
    if cut && room > 2 {
        head = format!("…{}", fit_end(before, room - 2));
    }
    let col = width(&head);
    let tail = fit(after, room.saturating_sub(col));
    (format!("{head}{tail}"), col)
}

/// Drawn text cut into spans wherever measuring a whole string and measuring it grapheme by
/// grapheme disagree (Arabic lam-alef counts as one cell in a string, two when drawn). Ratatui
/// sizes a title by its spans' string widths and draws it grapheme by grapheme, so one span
/// holding such a pair loses its last letter; split there, both agree.
pub fn title_spans<'a>(text: &str, style: ratatui::style::Style) -> Vec<ratatui::text::Span<'a>> {
    let mut spans = Vec::new();
    let mut piece = String::new();
    let mut last = "";
    for g in text.graphemes(true) {
        let pair = format!("{last}{g}");
        if !last.is_empty() && UnicodeWidthStr::width(pair.as_str()) != width(&pair) {
            spans.push(ratatui::text::Span::styled(
                std::mem::take(&mut piece),
                style,
            ));
        }
        piece.push_str(g);
        last = g;
    }
    spans.push(ratatui::text::Span::styled(piece, style));
    spans
}

/// Safe text cut to `max` cells and padded with spaces to exactly `max`.
pub fn cell(text: &str, max: usize) -> String {
    let mut s = fit(text, max);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', max.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests;
