use super::*;
use rstest::rstest;

#[rstest]
#[case::plain("Acme Corp", "Acme Corp")]
#[case::csi_colour("\u{1b}[31mRED\u{1b}[0m", "^[[31mRED^[[0m")]
#[case::osc52_bel("\u{1b}]52;c;aGk=\u{7}", "^[]52;c;aGk=^G")]
#[case::osc8_st("\u{1b}]8;;http://x\u{1b}\\a", "^[]8;;http://x^[\\a")]
#[case::c1_csi("\u{9b}31m", "<U+009B>31m")]
#[case::nul_del("a\u{0}b\u{7f}", "a^@b^?")]
#[case::newlines_tabs("a\nb\r\nc\td", "a↵b␍↵c⇥d")]
#[case::backspace("ab\u{8}c", "ab^Hc")]
#[case::rlo("x\u{202e}gnp.exe", "x<U+202E>gnp.exe")]
#[case::isolate("\u{2066}y\u{2069}", "<U+2066>y<U+2069>")]
#[case::zero_width_space("pay\u{200b}pal", "pay<U+200B>pal")]
#[case::soft_hyphen("co\u{ad}op", "co<U+00AD>op")]
#[case::bom("\u{feff}start", "<U+FEFF>start")]
#[case::zwj_in_text("a\u{200d}b", "a<U+200D>b")]
#[case::zwj_in_emoji("👩\u{200d}💻", "👩💻")]
#[case::skin_tone("👍🏽", "👍")]
#[case::flag("🇳🇴", "NO")]
#[case::heart_fire("❤\u{fe0f}\u{200d}🔥", "❤🔥")]
#[case::cjk("注文が届きません", "注文が届きません")]
#[case::rtl_letters("شركة النخيل", "شركة النخيل")]
#[case::interlinear("a\u{fff9}b\u{fffa}c\u{fffb}", "a<U+FFF9>b<U+FFFA>c<U+FFFB>")]
#[case::hangul_fillers("\u{115f}\u{1160}\u{3164}\u{ffa0}", "<U+115F><U+1160><U+3164><U+FFA0>")]
#[case::tag_smuggling("ok\u{e0068}\u{e0069}", "ok<U+E0068><U+E0069>")]
#[case::selector_after_letter("a\u{fe0f}", "a<U+FE0F>")]
#[case::keycap("1\u{fe0f}\u{20e3}", "1")]
#[case::selector_after_symbol("\u{25b6}\u{fe0f}", "\u{25b6}")]
fn makes_text_safe(#[case] raw: &str, #[case] shown: &str) {
    assert_eq!(safe(raw), shown);
}

#[rstest]
#[case::fits("abc", 5, "abc")]
#[case::cut("abcdef", 4, "abc…")]
#[case::cjk_even("漢字漢字", 5, "漢字…")]
#[case::cjk_no_half_glyph("漢字漢字", 4, "漢…")]
#[case::emoji_cluster("👍🏽👍🏽👍🏽", 5, "👍👍…")]
#[case::combining("e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}e\u{301}")]
#[case::combining_cut("e\u{301}e\u{301}e\u{301}x", 3, "e\u{301}e\u{301}…")]
#[case::zero(".", 0, "")]
fn fits_without_splitting_graphemes(#[case] raw: &str, #[case] max: usize, #[case] want: &str) {
    let got = fit(raw, max);
    assert_eq!(got, want);
    assert!(width(&got) <= max);
}

#[test]
fn cells_pad_to_exact_width() {
    assert_eq!(width(&cell("漢字漢字", 5)), 5);
    assert_eq!(width(&cell("a\tb", 6)), 6);
}

/// A small deterministic generator: random strings mixing every hazard.
fn hostile_strings() -> Vec<String> {
    let pool: Vec<char> = "aZ 0漢😀\u{1b}\u{7}\u{0}\u{7f}\u{9b}\u{85}\n\r\t\u{8}\u{202e}\u{2066}\u{200b}\u{200d}\u{ad}\u{feff}\u{301}👩💻[]"
        .chars()
        .collect();
    let mut rng = fastrand::Rng::with_seed(7);
    (0..2000)
        .map(|_| {
            (0..rng.usize(0..24))
                .map(|_| pool[rng.usize(..pool.len())])
                .collect()
        })
        .collect()
}

#[test]
fn no_control_byte_survives_and_safe_is_idempotent() {
    for raw in hostile_strings() {
        let shown = safe(&raw);
        assert!(!shown.chars().any(needs_work), "{raw:?} -> {shown:?}");
        assert!(
            !shown
                .chars()
                .any(|c| (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32))),
            "{shown:?}"
        );
        assert_eq!(safe(&shown), shown, "idempotent for {raw:?}");
        for max in [0, 1, 2, 5, 13] {
            assert!(width(&fit(&raw, max)) <= max, "{raw:?} at {max}");
        }
    }
}

/// General category Cf, Cc, Zl and Zp, and the Default_Ignorable_Code_Point property, as
/// listed in the Unicode Character Database (UnicodeData.txt, DerivedCoreProperties.txt,
/// Unicode 16): facts, hard-coded so the test needs no data file.
const CC: [(u32, u32); 2] = [(0x0000, 0x001F), (0x007F, 0x009F)];
const CF: [(u32, u32); 21] = [
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];
const ZL_ZP: [(u32, u32); 1] = [(0x2028, 0x2029)];
const DEFAULT_IGNORABLE: [(u32, u32); 17] = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// Every such code point, between two letters, is drawn as a visible marker: never raw,
/// never silently dropped.
#[test]
fn every_invisible_code_point_is_shown_as_a_marker() {
    let sets = [&CC[..], &CF[..], &ZL_ZP[..], &DEFAULT_IGNORABLE[..]];
    let mut checked = 0;
    for &(lo, hi) in sets.into_iter().flatten() {
        for c in (lo..=hi).filter_map(char::from_u32) {
            let raw = format!("a{c}b");
            let shown = safe(&raw);
            assert!(
                !shown.contains(c),
                "U+{:04X} drawn raw: {shown:?}",
                c as u32
            );
            assert!(shown.len() > 2, "U+{:04X} dropped silently", c as u32);
            assert!(shown.starts_with('a') && shown.ends_with('b'), "{shown:?}");
            assert!(
                !shown.chars().any(needs_work),
                "U+{:04X}: {shown:?}",
                c as u32
            );
            checked += 1;
        }
    }
    assert!(checked > 4000, "the sets were walked: {checked}");
}

/// A long one-line input keeps its cursor in view: cut on the left with `…` when the
/// cursor is far right, cut on the right when it is near the start.
#[test]
fn around_cursor_keeps_the_cursor_in_view() {
    let text = "filter type=ticket name~\"log in\" priority=high status=open";
    let (shown, col) = around_cursor(text, text.len(), 20);
    assert!(shown.starts_with('…'), "{shown}");
    assert!(shown.ends_with("status=open"), "{shown}");
    assert_eq!(col, width(&shown));
    let (shown, col) = around_cursor(text, 0, 20);
    assert_eq!(col, 0);
    assert!(
        shown.starts_with("filter") && shown.ends_with('…'),
        "{shown}"
    );
    assert_eq!(width(&shown), 20);
    let (shown, col) = around_cursor("short", 2, 20);
    assert_eq!((shown.as_str(), col), ("short", 2));
    let (shown, col) = around_cursor("注文注文注文注文", 6, 5);
    assert!(width(&shown) <= 5 && col <= 4, "{shown} {col}");
}
