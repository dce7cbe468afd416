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
