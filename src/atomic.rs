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
/// never leaves half a file. A symbolic link is followed to its final
/// target, not replaced. A target that is not a regular file (a terminal,
/// a FIFO, `/dev/stdout`, `/dev/fd/N`) cannot be replaced by a rename: it is
/// written to directly. `-` is standard output.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_all_atomically(&[(path, bytes)])
}

/// Writes several files all or none: each is written to a temporary file
/// beside its target and flushed, and only when every one is written are
/// they renamed into place. A failure removes the temporary files and
/// leaves every target as it was.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    let mut staged = Vec::new();
    let mut streams = Vec::new();
    for (path, bytes) in files {
        match destination(path)? {
            Destination::Stream => streams.push((*path, *bytes)),
            Destination::Replace { target, dir } => {
                let temp = stage(path, &target, &dir, bytes)?;
                staged.push((path, temp, target, dir));
            }
        }
    }
    for (path, temp, target, dir) in staged {
        rename_into_place(path, temp, &target, &dir)?;
    }
    for (path, bytes) in streams {
        let mut stream =
            open_stream(path).map_err(|e| failure(path, "cannot open it for writing", e))?;
        stream
            .write_all(bytes)
            .and_then(|()| stream.flush())
            .map_err(|e| failure(path, "write failed", e))?;
    }
    Ok(())
}

/// True when `a` and `b` are the same file (by device and inode on Unix,
/// so links and other spellings of the path are seen through); false when
/// either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        x.is_file() && x.dev() == y.dev() && x.ino() == y.ino()
    }
    #[cfg(not(unix))]
    {
        x.is_file() && y.is_file() && std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    }
}

/// Renames a staged file over `target` and flushes the folder, where the
/// rename lives (where folders can be opened).
fn rename_into_place(
    path: &Path,
    temp: tempfile::NamedTempFile,
    target: &Path,
    dir: &Path,
) -> Result<(), WriteError> {
    let staged_at = temp.path().to_path_buf();
    let renamed = temp.persist(target);
    track(&staged_at, false);
    renamed.map_err(|e| failure(path, "rename failed", e.error))?;
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Files no write may replace while a [`Protected`] guard lives: the open
/// graph, while a statement asked of it writes (a folder export's file may
/// be a link to it).
static PROTECTED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Keeps a file from being written over until dropped.
pub struct Protected(Option<PathBuf>);

impl Protected {
    /// Protects `path`, when there is one.
    pub fn new(path: Option<&Path>) -> Protected {
        if let (Some(path), Ok(mut protected)) = (path, PROTECTED.lock()) {
            protected.push(path.to_path_buf());
        }
        Protected(path.map(Path::to_path_buf))
    }
}

impl Drop for Protected {
    fn drop(&mut self) {
        if let (Some(path), Ok(mut protected)) = (&self.0, PROTECTED.lock()) {
            if let Some(at) = protected.iter().position(|p| p == path) {
                protected.remove(at);
            }
        }
    }
}

/// A stream to write `path` through. An open descriptor (`/dev/stdout`,
/// `/dev/fd/N`) is written through that descriptor itself: reopened, it
/// would start at offset 0 of its file and overwrite what is there, or be
/// overwritten by what the process prints next.
fn open_stream(path: &Path) -> std::io::Result<Box<dyn std::io::Write>> {
    let text = path.to_string_lossy();
    let number = ["/dev/fd/", "/proc/self/fd/"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .and_then(|n| n.parse::<i32>().ok())
        .or(match text.as_ref() {
            "/dev/stdout" | "-" => Some(1),
            "/dev/stderr" => Some(2),
            _ => None,
        });
    match number {
        Some(1) => Ok(Box::new(std::io::stdout())),
        Some(2) => Ok(Box::new(std::io::stderr())),
        #[cfg(unix)]
        Some(fd) => {
            use std::os::fd::FromRawFd;
            // SAFETY: dup(2) gives a new descriptor of our own, sharing the
            // open file (and its offset) with `fd`; the File closes it.
            let copy = unsafe { libc::dup(fd) };
            if copy < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(Box::new(unsafe { std::fs::File::from_raw_fd(copy) }))
        }
        _ => Ok(Box::new(
            std::fs::OpenOptions::new().write(true).open(path)?,
        )),
    }
}

/// How a target is written.
enum Destination {
    /// Not a regular file: written to directly, as a shell redirection would.
    Stream,
    /// A regular file, or none yet: replaced by a rename in `dir`.
    Replace { target: PathBuf, dir: PathBuf },
}

fn failure(path: &Path, action: &'static str, source: std::io::Error) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// Where `path` leads: a file to replace (links followed to the last one),
/// or something to stream into.
fn destination(path: &Path) -> Result<Destination, WriteError> {
    let fail = |action, source| failure(path, action, source);
    let protected = PROTECTED.lock().map(|p| p.clone()).unwrap_or_default();
    if protected.iter().any(|p| same_file(p, path)) {
        let open = std::io::Error::other("writing it would replace the graph being read");
        return Err(fail("it is the open graph's file", open));
    }
    // A descriptor already open (`/dev/stdout`, `/dev/fd/3`, and `-` for
    // standard output) is written through, even when it leads to a regular
    // file: renaming over that file would drop what the shell's `>>` had
    // appended before.
    let text = path.to_string_lossy();
    let descriptor = ["/dev/fd/", "/proc/self/fd/"]
        .iter()
        .any(|prefix| text.starts_with(prefix))
        || ["/dev/stdout", "/dev/stderr", "-"].contains(&text.as_ref());
    if descriptor {
        return Ok(Destination::Stream);
    }
    let target = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let folder = std::io::Error::other("a folder cannot be written over");
            return Err(fail("it is a folder", folder));
        }
        Ok(meta) if !meta.is_file() => return Ok(Destination::Stream),
        Ok(_) => std::fs::canonicalize(path).map_err(|e| fail("cannot follow the link", e))?,
        // A link to nowhere yet: write the file it names.
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            let link = std::fs::read_link(path).map_err(|e| fail("cannot follow the link", e))?;
            path.parent().unwrap_or(Path::new("")).join(link)
        }
        Err(_) => path.to_path_buf(),
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
    Ok(Destination::Replace { target, dir })
}

/// Temporary files being written now, so that a signal handler can remove
/// them before the process exits ([`remove_unfinished`]).
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes every temporary file a save of this process has not finished:
/// for the binary's handler of SIGINT and SIGTERM, which exits without
/// unwinding. (`kill -9` cannot be caught: the next save cleans up.)
pub fn remove_unfinished() {
    remove_unfinished_where(|_| true);
}

/// Removes the unfinished temporary files `chosen` picks: a test of the
/// signal's cleanup picks its own, as other tests' saves run beside it.
fn remove_unfinished_where(chosen: impl Fn(&Path) -> bool) {
    let unfinished = UNFINISHED.lock().map(|u| u.clone()).unwrap_or_default();
    for path in unfinished.iter().filter(|p| chosen(p)) {
        let _ = std::fs::remove_file(path);
    }
}

fn track(path: &Path, writing: bool) {
    if let Ok(mut unfinished) = UNFINISHED.lock() {
        if writing {
            unfinished.push(path.to_path_buf());
        } else {
            unfinished.retain(|p| p != path);
        }
    }
}

/// Temporary files this old were left by a run that was killed mid-save.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// `bytes` in a flushed temporary file in `dir`, with the mode (and, where
/// permitted, the owner) of the file it will replace.
fn stage(
    path: &Path,
    target: &Path,
    dir: &Path,
    bytes: &[u8],
) -> Result<tempfile::NamedTempFile, WriteError> {
    stage_with(path, target, dir, |out| out.write_all(bytes))
}

/// What [`write`] writes through: a temporary file or the stream itself.
type Writing<'w> = &'w mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Writes to `path` what `write` writes, as [`write_atomically`] writes
/// bytes: for a text too large to hold in memory twice (a diagram of a
/// million ties), made as it is written.
pub fn write_atomically_with(path: &Path, write: Writing<'_>) -> Result<(), WriteError> {
    match destination(path)? {
        Destination::Stream => {
            let stream =
                open_stream(path).map_err(|e| failure(path, "cannot open it for writing", e))?;
            let mut out = std::io::BufWriter::new(stream);
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| failure(path, "write failed", e))
        }
        Destination::Replace { target, dir } => {
            let temp = stage_with(path, &target, &dir, write)?;
            rename_into_place(path, temp, &target, &dir)
        }
    }
}

fn stage_with(
    path: &Path,
    target: &Path,
    dir: &Path,
    write: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    remove_stale_temporaries(dir);
    let temp = create_temporary(path, dir)?;
    let staged_at = temp.path().to_path_buf();
    track(&staged_at, true);
    // A failed stage drops (deletes) its file: it is no longer ours to clean.
    fill(path, target, temp, write).inspect_err(|_| track(&staged_at, false))
}

fn create_temporary(path: &Path, dir: &Path) -> Result<tempfile::NamedTempFile, WriteError> {
    let fail = |action, source| failure(path, action, source);
    // tempfile's own message names the random temporary path; keep the kind only.
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| {
            fail(
                "cannot create a temporary file beside it",
                why_no_file(dir, e.kind()),
            )
        })
}

/// Why no file could be made in `dir`, in words a person can act on (the
/// system's "entity not found" for `/proc` said neither).
fn why_no_file(dir: &Path, kind: std::io::ErrorKind) -> std::io::Error {
    use std::io::ErrorKind::*;
    let dir = dir.display();
    let why = match kind {
        PermissionDenied => format!("no permission to create files in `{dir}`"),
        ReadOnlyFilesystem => format!("`{dir}` is on a read-only file system"),
        NotFound | Unsupported | InvalidInput => {
            format!("`{dir}` does not take new files (a system folder?)")
        }
        StorageFull | QuotaExceeded => format!("no space left in `{dir}`"),
        _ => return std::io::Error::from(kind),
    };
    std::io::Error::new(kind, format!("{why}; write it to another folder"))
}

/// Writes `temp`, gives it the target's mode and owner, and flushes it.
fn fill(
    path: &Path,
    target: &Path,
    mut temp: tempfile::NamedTempFile,
    mut write: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let fail = |action, source| failure(path, action, source);
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| fail("write failed", e))?;
    }
    // Temporary files are private (0600); give the result the permissions
    // and owner of the file it replaces, or a new file's under the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let existing = std::fs::metadata(target).ok();
        let permissions = match &existing {
            Some(existing) => existing.permissions(),
            None => std::fs::Permissions::from_mode(0o666 & !umask()),
        };
        temp.as_file()
            .set_permissions(permissions)
            .map_err(|e| fail("cannot set permissions", e))?;
        if let Some(existing) = existing {
            // Only the owner's own user or root may keep it; otherwise the
            // file becomes the writer's, as any new file would.
            let _ =
                std::os::unix::fs::chown(temp.path(), Some(existing.uid()), Some(existing.gid()));
        }
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| fail("flush failed", e))?;
    Ok(temp)
}

/// The process's file-creation mask. umask(2) can only be read by setting
/// it, so it is set and put straight back.
#[cfg(unix)]
// mode_t is u32 on Linux but u16 elsewhere: the conversion is for those.
#[allow(clippy::useless_conversion)]
fn umask() -> u32 {
    // SAFETY: umask(2) only swaps the process's mask; it is restored at once.
    let mask = unsafe { libc::umask(0o022) };
    unsafe { libc::umask(mask) };
    u32::from(mask)
}

const TEMP_PREFIX: &str = ".actorgraph-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes this tool's temporary files in `dir` older than [`STALE`]: a
/// killed save cannot clean up after itself, the next save does.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_takes_no_file_is_said_so_with_what_to_do() {
        // `/proc` takes no new file; the system says only "entity not found".
        let error = write_atomically(Path::new("/proc/x.svg"), b"x").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("`/proc` does not take new files"), "{text}");
        assert!(text.ends_with("write it to another folder"), "{text}");
        let denied = why_no_file(Path::new("/root"), std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            denied.to_string(),
            "no permission to create files in `/root`; write it to another folder"
        );
    }

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

    /// Issue 14, item 1: a rename over `/dev/null` left a regular file there.
    #[cfg(unix)]
    #[test]
    fn a_device_or_a_fifo_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomically(Path::new("/dev/null"), b"gone").unwrap();
        assert!(std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomically(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        let error = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(error.to_string().contains("it is a folder"), "{error}");
    }

    /// Issue 14, item 4: a folder export is all or nothing.
    #[test]
    fn several_files_are_written_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("ties.csv");
        std::fs::write(&first, "old").unwrap();
        let missing = dir.path().join("no-such-folder/graph.csv");
        let error = write_all_atomically(&[(&first, b"new"), (&missing, b"new")]).unwrap_err();
        assert!(error.to_string().contains("its folder does not exist"));
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        let second = dir.path().join("graph.csv");
        write_all_atomically(&[(&first, b"new"), (&second, b"also")]).unwrap();
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "also");
    }

    /// Issue 14, item 5: a killed save's temporary file is removed by the
    /// next save into that folder; a fresh one (a save under way) is not.
    #[test]
    fn stale_temporary_files_are_cleaned_up_and_modes_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".actorgraph-killed.tmp");
        let fresh = dir.path().join(".actorgraph-running.tmp");
        std::fs::write(&stale, "half").unwrap();
        std::fs::write(&fresh, "half").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        let target = dir.path().join("g.ron");
        std::fs::write(&target, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&target, b"new").unwrap();
        assert!(!stale.exists() && fresh.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
    }

    /// Issue 14, item 5: a save cut short by SIGINT or SIGTERM left its
    /// temporary file; the signal handler's call removes it.
    #[test]
    fn a_save_cut_short_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("g.dot");
        let result = write_atomically_with(&target, &mut |out| {
            out.write_all(b"digraph {")?;
            // The signal arrives mid-write; the handler cleans up (here
            // only this test's file: other tests' saves are running).
            remove_unfinished_where(|p| p.starts_with(dir.path()));
            Ok(())
        });
        assert!(result.is_err(), "the rename of a removed file fails");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    /// Review of issue 14: a new file was always 0644, whatever the umask.
    #[cfg(unix)]
    #[test]
    fn a_new_file_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.ron");
        write_atomically(&target, b"x").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask());
        assert!(UNFINISHED
            .lock()
            .unwrap()
            .iter()
            .all(|p| !p.starts_with(dir.path())));
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
