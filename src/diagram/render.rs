//! Running Graphviz: DOT in on standard input, the picture out on standard
//! output, no shell, and no file written unless the whole picture came back.

use std::io::{ErrorKind, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::atomic::write_atomically;
use crate::model::Graph;

use super::view::View;
use super::{to_dot, DiagramError, DiagramSpec, OutputFormat};

/// The Graphviz processes running now, so that a signal to actorgraph can
/// stop them too instead of leaving them running (see [`stop_graphviz`]).
static RUNNING: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

/// Stops every Graphviz process actorgraph started that is still running:
/// for the binary's signal handler, before it exits.
pub fn stop_graphviz() {
    let running = RUNNING.lock().map(|r| r.clone()).unwrap_or_default();
    for pid in running {
        #[cfg(unix)]
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: kill(2) takes a pid and a signal and touches no memory of ours.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
    }
}

/// The most ties a picture may hold: Graphviz takes minutes and gigabytes
/// on a million and the picture is unreadable long before. The
/// `ACTORGRAPH_MAX_PICTURE_TIES` environment variable raises it; DOT text
/// has no limit.
pub const MAX_PICTURE_TIES: usize = 5_000;

/// The limit on a picture's ties, as the environment sets it.
fn max_picture_ties() -> usize {
    std::env::var("ACTORGRAPH_MAX_PICTURE_TIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MAX_PICTURE_TIES)
}

/// Writes the diagram to `path`: `.dot` as text, `.svg`/`.png`/`.pdf`
/// rendered by Graphviz `dot` (no shell). No partial file on failure.
pub fn export(graph: &Graph, spec: &DiagramSpec, path: &Path) -> Result<(), DiagramError> {
    let format = OutputFormat::from_path(path)?;
    if format != OutputFormat::Dot {
        let ties = View::select(graph, spec, &spec.filter).ties.len();
        let limit = max_picture_ties();
        if ties > limit {
            return Err(DiagramError::TooLarge { ties, limit });
        }
    }
    // DOT is written as it is made, never held whole in memory.
    if format == OutputFormat::Dot {
        crate::atomic::write_atomically_with(path, &mut |out| {
            super::dot::write_dot(graph, spec, out)
        })?;
        return Ok(());
    }
    let text = to_dot(graph, spec);
    let bytes = render_dot(&text, format)?;
    write_atomically(path, &bytes)?;
    Ok(())
}

/// The bytes of `dot` in `format`: the text itself for [`OutputFormat::Dot`],
/// otherwise what Graphviz `dot` renders.
pub fn render_dot(dot: &str, format: OutputFormat) -> Result<Vec<u8>, DiagramError> {
    match format {
        OutputFormat::Dot => Ok(dot.as_bytes().to_vec()),
        _ => run_graphviz("dot", &render_args(format), dot),
    }
}

/// Graphviz arguments for a picture format; PNGs get slide resolution.
pub(crate) fn render_args(format: OutputFormat) -> Vec<String> {
    let mut args = vec![format!("-T{}", format.extension())];
    if format == OutputFormat::Png {
        args.push("-Gdpi=192".into());
    }
    args
}

/// Runs a Graphviz program on `input`, returning its standard output.
pub(crate) fn run_graphviz(
    program: &str,
    args: &[String],
    input: &str,
) -> Result<Vec<u8>, DiagramError> {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            ErrorKind::NotFound => DiagramError::DotMissing {
                program: program.to_string(),
            },
            _ => DiagramError::DotIo {
                program: program.to_string(),
                source,
            },
        })?;
    let pid = child.id();
    if let Ok(mut running) = RUNNING.lock() {
        running.push(pid);
    }
    let output = wait_for(child, program, input);
    if let Ok(mut running) = RUNNING.lock() {
        running.retain(|p| *p != pid);
    }
    output
}

/// Feeds `input` to the running `child` and reads its picture back.
fn wait_for(
    mut child: std::process::Child,
    program: &str,
    input: &str,
) -> Result<Vec<u8>, DiagramError> {
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let input = input.as_bytes().to_vec();
    // Write from another thread so a large picture on stdout cannot block us.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|source| DiagramError::DotIo {
            program: program.to_string(),
            source,
        })?;
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        return Err(DiagramError::DotFailed {
            program: program.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    written.map_err(|source| DiagramError::DotIo {
        program: program.to_string(),
        source,
    })?;
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_graphviz_says_how_to_install_it() {
        let error = run_graphviz("actorgraph-no-such-graphviz", &[], "digraph {}").unwrap_err();
        assert!(matches!(error, DiagramError::DotMissing { .. }));
        let message = error.to_string();
        assert!(message.contains("apt-get install graphviz"), "{message}");
        assert!(message.contains("brew install graphviz"), "{message}");
    }
}
