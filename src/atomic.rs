//! Writing a file so that it is either all there or not changed at all.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be written; the target is untouched.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{}`: {action}: {source}", .path.display())]
pub struct WriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// The step that failed, in words.
    pub action: &'static str,
    /// The error the step met.
    #[source]
    pub source: std::io::Error,
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed
/// to disk, renamed over the target, and the folder flushed, so a crash
/// never leaves half a file. A symbolic link is followed, not replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let fail = |action, source| WriteError {
        path: path.to_path_buf(),
        action,
        source,
    };
    // Write through a link to its target, as an ordinary write would.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| fail("cannot follow the link", e))?
        }
        _ => path.to_path_buf(),
    };
    let dir: PathBuf = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        let missing = std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no folder `{}`", dir.display()),
        );
        return Err(fail("its folder does not exist", missing));
    }
    // tempfile's own message names the random temporary path; keep the kind only.
    let mut temp = tempfile::Builder::new()
        .prefix(".actorgraph-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            fail(
                "cannot create a temporary file beside it",
                std::io::Error::from(e.kind()),
            )
        })?;
    temp.write_all(bytes).map_err(|e| fail("write failed", e))?;
    // Temporary files are private (0600); give the result the permissions of
    // the file it replaces, or ordinary ones for a new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = match std::fs::metadata(&target) {
            Ok(existing) => existing.permissions(),
            Err(_) => std::fs::Permissions::from_mode(0o644),
        };
        temp.as_file()
            .set_permissions(permissions)
            .map_err(|e| fail("cannot set permissions", e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| fail("flush failed", e))?;
    temp.persist(&target)
        .map_err(|e| fail("rename failed", e.error))?;
    // The rename lives in the folder: flush it too (where folders can be opened).
    if let Ok(folder) = std::fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "old").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.ron");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            write_atomically(&link, b"new").unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        }
    }

    #[test]
    fn a_failure_names_the_file_once() {
        let error = write_atomically(Path::new("/nonexistent-dir/x/g.ron"), b"x").unwrap_err();
        let text = error.to_string();
        assert_eq!(
            text,
            "cannot write `/nonexistent-dir/x/g.ron`: its folder does not exist: no folder `/nonexistent-dir/x`"
        );
    }
}
