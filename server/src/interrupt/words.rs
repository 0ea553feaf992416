//! A yes or a no in words: what a person types to mean the yes or the no button.

/// Whole answers that mean yes.
const YES: &[&str] = &[
    "yes", "y", "yeah", "yep", "sure", "ok", "okay", "approve", "approved", "confirm", "go ahead",
    "do it", "proceed",
];

/// Whole answers that mean no.
const NO: &[&str] = &[
    "no", "n", "nope", "nah", "not now", "not yet", "cancel", "stop", "reject", "deny", "decline",
    "don't", "do not", "never",
];

/// `Some(true)` for a yes, `Some(false)` for a no (any case, without surrounding punctuation,
/// "no, …" and "yes, …" included), `None` for anything else.
pub fn yes_or_no(text: &str) -> Option<bool> {
    let clean = |s: &str| {
        s.trim()
            .trim_matches(|c: char| c.is_ascii_punctuation() && c != '\'')
            .trim()
            .to_lowercase()
    };
    let whole = clean(text);
    if YES.contains(&whole.as_str()) {
        return Some(true);
    }
    if NO.contains(&whole.as_str()) {
        return Some(false);
    }
    // "No, don't send it." / "Yes, go ahead": the first clause decides.
    let first = clean(
        whole
            .split([',', '.', '!', ';', ':'])
            .next()
            .unwrap_or_default(),
    );
    if first != whole {
        return yes_or_no(&first);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::yes_or_no;

    #[test]
    fn yes_and_no_in_words() {
        for yes in ["yes", "Yes.", " YES! ", "ok", "Go ahead", "yes, send it"] {
            assert_eq!(yes_or_no(yes), Some(true), "{yes}");
        }
        for no in [
            "no",
            "No.",
            "nope",
            "not yet",
            "Cancel!",
            "No, don't send it.",
            "don't",
        ] {
            assert_eq!(yes_or_no(no), Some(false), "{no}");
        }
        for neither in [
            "Ana",
            "maybe",
            "nothing to add",
            "yesterday",
            "Tuesday works for me.",
        ] {
            assert_eq!(yes_or_no(neither), None, "{neither}");
        }
    }
}
