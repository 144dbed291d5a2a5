//! CSV meant for people is opened in spreadsheets, which run a cell that
//! looks like a formula. Every CSV actorgraph writes guards such cells.

/// `cell`, safe to open in a spreadsheet: one that a spreadsheet would read
/// as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, as OWASP's CSV-injection guidance lists) gets a leading
/// apostrophe, and so does one that begins with an apostrophe, so that the
/// import, which removes one, gives back the exact text.
pub fn guard_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_the_rest_left_alone() {
        for risky in [
            "=cmd|' /C calc'!A0",
            "+1",
            "-99",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'x",
        ] {
            assert_eq!(guard_formula(risky.to_string()), format!("'{risky}"));
        }
        for safe in ["JNIM", "2022-06", "", " =spaced"] {
            assert_eq!(guard_formula(safe.to_string()), safe);
        }
    }
}
