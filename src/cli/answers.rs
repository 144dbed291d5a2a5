//! Where answers go: standard output, or with `-o FILE` a file, written
//! atomically once the command is done, holding the same bytes standard
//! output would have held on a pipe (no colour, no wrapping to a terminal).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use actorgraph::atomic::write_atomically;
use actorgraph::diagnostic::Diagnostic;

use super::output::{terminal_width, write_out};
use super::report::{BadUsage, Problems};

/// The destination of a command's answers.
pub enum Answers {
    /// Written as they come; with `sanitise`, data formats on a terminal
    /// pass through the one sanitiser (text answers are already safe, and
    /// keep their colours).
    Stdout { sanitise: bool },
    /// Gathered, then written at once by [`Answers::finish`].
    File { path: PathBuf, text: String },
}

impl Answers {
    /// Answers for `target`, or standard output. A file that cannot be
    /// written is refused now, before any work, as bad usage.
    /// `inputs` are the files the command reads (the graph, scripts): the
    /// answers may not be written over one of them.
    pub fn to(target: Option<&Path>, inputs: &[&Path]) -> anyhow::Result<Answers> {
        let Some(path) = target.filter(|p| *p != Path::new("-")) else {
            return Ok(Answers::Stdout { sanitise: false });
        };
        let over_input = inputs
            .iter()
            .find(|input| actorgraph::atomic::same_file(input, path))
            .map(|input| format!("it is `{}`, which this command reads", input.display()));
        let refused = match over_input {
            Some(why) => Err(why),
            None => writable(path),
        };
        if let Err(why) = refused {
            let shown = format!("-o {}", path.display());
            let diagnostic = Diagnostic::new(format!(
                "cannot write answers to `{}`: {why}",
                path.display()
            ))
            .origin("<arguments>")
            .at_span(&shown, 3, shown.len())
            .help(Some(
                "name a file in a folder that exists and can be written".into(),
            ));
            return Err(BadUsage(vec![diagnostic]).into());
        }
        Ok(Answers::File {
            path: path.to_path_buf(),
            text: String::new(),
        })
    }

    /// Writes (or gathers) `text`.
    pub fn write(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Answers::Stdout { sanitise: true } => {
                write_out(&actorgraph::answer::printable(text, true))
            }
            Answers::Stdout { .. } => write_out(text),
            Answers::File { text: gathered, .. } => {
                gathered.push_str(text);
                Ok(())
            }
        }
    }

    /// Writes what `write` writes: to standard output as it is made, or
    /// gathered for the file.
    pub fn write_with(
        &mut self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        match self {
            Answers::Stdout { sanitise: true } => {
                let mut bytes = Vec::new();
                write(&mut bytes)?;
                write_out(&actorgraph::answer::printable(
                    &String::from_utf8_lossy(&bytes),
                    true,
                ))
            }
            Answers::Stdout { .. } => {
                let stdout = std::io::stdout().lock();
                let mut out = std::io::BufWriter::new(stdout);
                write(&mut out)?;
                std::io::Write::flush(&mut out)
            }
            Answers::File { text: gathered, .. } => {
                let mut bytes = Vec::new();
                write(&mut bytes)?;
                gathered.push_str(&String::from_utf8_lossy(&bytes));
                Ok(())
            }
        }
    }

    /// Guards a terminal against the data's escape sequences in answers of
    /// `format` (JSON, JSON Lines and CSV keep the data's bytes).
    pub fn guard_terminal(&mut self, format: actorgraph::answer::Format) {
        let terminal = self.is_terminal();
        if let Answers::Stdout { sanitise } = self {
            *sanitise = terminal && format != actorgraph::answer::Format::Text;
        }
    }

    /// True when the answers go to a terminal (colour may be used).
    pub fn is_terminal(&self) -> bool {
        matches!(self, Answers::Stdout { .. }) && std::io::stdout().is_terminal()
    }

    /// The terminal's width, when the answers go to one.
    pub fn width(&self) -> Option<usize> {
        match self {
            Answers::Stdout { .. } => terminal_width(),
            Answers::File { .. } => None,
        }
    }

    /// Writes the gathered answers to their file, whole or not at all.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Answers::Stdout { .. } => Ok(()),
            Answers::File { path, text } => write_atomically(&path, text.as_bytes())
                .map_err(|e| Problems::message(e.to_string()).into()),
        }
    }
}

/// Why `path` cannot be written, if it cannot: it is a folder, its folder
/// is missing, or no file can be made there.
fn writable(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err("it is a folder".into());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(format!("there is no folder `{}`", folder.display()));
    }
    // The atomic write makes a temporary file beside the target: try one.
    tempfile::Builder::new()
        .prefix(".actorgraph-")
        .tempfile_in(folder)
        .map(drop)
        .map_err(|e| {
            format!(
                "no file can be made in `{}`: {}",
                folder.display(),
                e.kind()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_or_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(writable(&dir.path().join("answers.txt")).is_ok());
        assert_eq!(writable(dir.path()), Err("it is a folder".to_string()));
        let missing = dir.path().join("none/answers.txt");
        assert!(writable(&missing)
            .unwrap_err()
            .starts_with("there is no folder"));
    }
}
