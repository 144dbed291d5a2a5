//! The REPL's `save` and the guard that keeps unsaved imports from being
//! lost by `quit`, Ctrl-D or `load`.

use std::path::PathBuf;

use actorgraph::diagnostic::Diagnostic;
use actorgraph::session::Session;

use super::report;

/// Keeps unsaved imports from being lost by `quit`, Ctrl-D or `load`: on a
/// terminal the first such line only warns, and the same line again goes
/// ahead; on a pipe, where nobody can answer, it warns and goes ahead.
pub(super) struct UnsavedGuard {
    pub(super) interactive: bool,
    /// The line that was last refused, which may now go ahead.
    pub(super) warned: Option<String>,
}

impl UnsavedGuard {
    /// Whether `line`, which would drop the open graph, may go ahead.
    pub(super) fn may_drop(
        &mut self,
        session: &Session,
        line: &str,
        again: &str,
        color_err: bool,
    ) -> bool {
        let imports = session.unsaved_imports;
        if imports == 0 {
            return true;
        }
        let changes = if imports == 1 {
            "changes from an import".to_string()
        } else {
            format!("changes from {imports} imports")
        };
        let keep = match &session.path {
            Some(path) if session.file_changed_since_opened() => format!(
                "`save FILE` writes them to a new file; {} changed on disk since it was opened",
                path.display()
            ),
            Some(path) => format!("`save` writes them to {}", path.display()),
            None => "`save FILE` writes them to a file".to_string(),
        };
        if !self.interactive {
            report::print(
                &[Diagnostic::new(format!(
                    "the open graph's {changes} were not saved ({keep})"
                ))
                .warning()],
                color_err,
            );
            return true;
        }
        if self.warned.as_deref() == Some(line) {
            return true;
        }
        report::print(
            &[Diagnostic::new(format!(
                "the open graph has {changes} that are not saved: {keep}, or {again} to discard them"
            ))
            .warning()],
            color_err,
        );
        self.warned = Some(line.to_string());
        false
    }
}

/// `save [FILE] [replace]`: writes the open graph in canonical RON (or as
/// a snapshot, for a name ending `.agraph`), atomically, to FILE or to the file it came from. It will not write over
/// another file, or drop the comments of its own, unless told `replace`.
pub(super) fn save(session: &mut Session, line: &str) -> Result<String, Vec<Diagnostic>> {
    use actorgraph::store::ron::holds_comments;
    let usage = || Diagnostic::new("usage: save [FILE.ron|FILE.agraph] [replace]");
    let tokens = actorgraph::query::lexer::lex(line).map_err(|e| vec![e.diagnostic(line, None)])?;
    let mut replace = false;
    let mut named = None;
    for word in tokens.iter().skip(1).map(|t| t.text.as_str()) {
        if word.eq_ignore_ascii_case("replace") && named.is_some() && !replace {
            replace = true;
        } else if named.is_none() {
            named = Some(PathBuf::from(word));
        } else {
            return Err(vec![usage()]);
        }
    }
    let path = match (named, &session.path) {
        (Some(path), _) => path,
        (None, Some(path)) => path.clone(),
        (None, None) => {
            return Err(vec![usage().help(Some(
                "the bundled graph has no file of its own: name one, e.g. `save my-sahel.ron`"
                    .into(),
            ))])
        }
    };
    let snapshot = actorgraph::store::is_snapshot_path(&path);
    if !snapshot
        && !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(vec![Diagnostic::new(format!(
            "`{}`: save writes a RON graph file (or a snapshot); name it .ron (or .agraph)",
            path.display()
        ))
        .help(Some(
            "for other formats use export, e.g. `export json to graph.json`".into(),
        ))]);
    }
    let own = session
        .path
        .as_deref()
        .is_some_and(|own| actorgraph::atomic::same_file(own, &path));
    if path.exists() && !replace {
        if !own {
            return Err(vec![Diagnostic::new(format!(
                "`{}` exists and is not the open graph's file",
                path.display()
            ))
            .help(Some(format!(
                "`save {} replace` writes over it",
                shown_path(&path)
            )))]);
        }
        if session.file_changed_since_opened() {
            return Err(vec![Diagnostic::new(format!(
                "`{}` changed on disk since this session opened it (another session's save, or an edit): a save would lose those changes",
                path.display()
            ))
            .help(Some(format!(
                "save to a new file, e.g. `save {}`, and compare; or `save {} replace` to write over them",
                shown_path(&sibling(&path)),
                shown_path(&path)
            )))]);
        }
        // Reading fails only for a file that is not text: nothing to keep.
        // A snapshot holds no comments, and may be large: it is not read.
        if !snapshot && std::fs::read_to_string(&path).is_ok_and(|text| holds_comments(&text)) {
            return Err(vec![Diagnostic::new(format!(
                "`{}` holds comments, which a save drops (it writes the canonical form)",
                path.display()
            ))
            .help(Some(format!(
                "save to a new file, or `save {} replace` to drop them",
                shown_path(&path)
            )))]);
        }
    }
    super::save_graph(&session.graph, &path).map_err(|error| error.diagnostics)?;
    session.saved_to(&path);
    Ok(format!(
        "saved {} actors and {} ties to {}\n",
        session.graph.actor_count(),
        session.graph.tie_count(),
        path.display()
    ))
}

/// A new name beside `path` for a save that must not write over it:
/// `g.ron` → `g.mine.ron`.
fn sibling(path: &std::path::Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.mine.{extension}"))
}

/// A path as it would be typed back: quoted when it holds spaces.
fn shown_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    if text.contains(char::is_whitespace) || text.contains('#') {
        format!("{text:?}")
    } else {
        text
    }
}
