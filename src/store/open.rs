//! The one way graph files are opened and saved: a snapshot (`.agraph`)
//! is read as it is; a RON file is read through its cached snapshot when
//! the cache is current, else parsed, and the cache rebuilt.
//!
//! When is a cache current? It records the RON file it was built from: its
//! inode, size, modification and status-change times, and the hash of its
//! bytes. Unchanged inode, size and times mean the file was not written
//! since, and the hash is not read again: the status-change time moves on
//! every write and no tool can set it back. File times are coarse (a few
//! milliseconds), so a write within the same tick as the one recorded
//! would keep them; that can only happen to a file changed shortly before
//! the cache read it, so the times are trusted only when the recorded
//! change is [`RACY_MARGIN_NS`] older than the reading. Otherwise the RON
//! file's bytes are hashed and compared, and a cache found current that
//! way has its header re-stamped in place (a torn stamp fails the header's
//! checksum and only costs a rebuild).
//!
//! A cache that is stale, truncated, damaged or of another format version
//! is rebuilt from the RON file; one that cannot be written (a read-only
//! folder) is simply not kept. A snapshot that is a graph's only file has
//! nothing to rebuild it from: damage is an error that says so.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::xxh3_64;

use super::ron::{parse_bytes, read_error, read_file, StoreError};
use super::snapshot::{self, Damage, Header, Kind, SourceKey, HEADER_BYTES, MAGIC};
use crate::diagnostic::Diagnostic;
use crate::model::Graph;

/// How much older than a cache's reading the RON file's last change must
/// be for its file times alone to prove it unchanged (see the module docs).
pub const RACY_MARGIN_NS: i64 = 2_000_000_000;

/// RON files smaller than this are parsed each time (in milliseconds) and
/// get no cache, so hand-kept graphs under version control gain no
/// companion file.
pub const CACHE_MIN_BYTES: u64 = 1 << 20;

/// The environment variable that chooses when caches are used:
/// `auto` (the default: RON files of [`CACHE_MIN_BYTES`] or more),
/// `always`, or `never`.
pub const CACHE_VARIABLE: &str = "ACTORGRAPH_SNAPSHOT";

/// When RON files are cached, as [`CACHE_VARIABLE`] says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CachePolicy {
    /// Files of [`CACHE_MIN_BYTES`] or more.
    Auto,
    /// Every file.
    Always,
    /// None: always parse, never write a cache.
    Never,
}

impl CachePolicy {
    /// The policy the environment chooses; anything unknown is `Auto`.
    pub fn from_env() -> CachePolicy {
        match std::env::var(CACHE_VARIABLE).as_deref() {
            Ok("always") => CachePolicy::Always,
            Ok("never") => CachePolicy::Never,
            _ => CachePolicy::Auto,
        }
    }

    fn caches(self, size: u64) -> bool {
        match self {
            CachePolicy::Auto => size >= CACHE_MIN_BYTES,
            CachePolicy::Always => true,
            CachePolicy::Never => false,
        }
    }
}

/// Where the cache of the RON file at `ron` lives: beside it, hidden,
/// `big.ron` → `.big.ron.agraph`.
pub fn cache_path(ron: &Path) -> PathBuf {
    let name = ron
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ron.with_file_name(format!(".{name}.{}", snapshot::EXTENSION))
}

/// True when `path` names a snapshot file by its extension (`.agraph`).
pub fn is_snapshot_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(snapshot::EXTENSION))
}

/// Opens the graph file at `path`, RON or snapshot, as the environment's
/// [`CachePolicy`] says; `progress` hears how many ties a RON parse has read.
pub fn open(path: &Path, progress: &mut dyn FnMut(usize)) -> Result<Graph, StoreError> {
    open_with(path, CachePolicy::from_env(), progress)
}

/// Like [`open`], with the cache policy given.
pub fn open_with(
    path: &Path,
    policy: CachePolicy,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph, StoreError> {
    if path == Path::new("-") {
        // Standard input has no place beside it for a cache.
        return super::ron::load_with_progress(path, progress);
    }
    let origin = path.display().to_string();
    if starts_with_magic(path) {
        let mut file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
        return read_snapshot(&mut file).map_err(|damage| refused(&origin, &damage));
    }
    if is_snapshot_path(path) && looks_binary(path) {
        // A RON file named `.agraph` is read as RON; binary bytes without
        // the snapshot's mark are a snapshot damaged at its start, which
        // the RON parser would only call "not text".
        return Err(refused(&origin, &Damage::NotSnapshot));
    }
    let stamp = now_ns();
    let metadata = std::fs::metadata(path).ok();
    let key = metadata.as_ref().map(stat_key);
    let cache = cache_path(path);
    // Only a regular file beside a regular (or no) cache is cached: opening
    // a FIFO in the cache's place would block, and writing it would too.
    let caches = policy != CachePolicy::Never
        && metadata.as_ref().is_some_and(|m| m.is_file())
        && key.is_some_and(|k| policy.caches(k.size))
        && std::fs::symlink_metadata(&cache).map_or(true, |m| m.is_file());
    if caches {
        if let Cached::Current(graph) = from_cache(path, &cache, key.unwrap_or_default(), stamp) {
            return Ok(*graph);
        }
    }
    let bytes = read_file(path)?;
    let hash = caches.then(|| xxh3_64(&bytes));
    let graph = parse_bytes(bytes, &origin, progress)?;
    if let (Some(mut key), Some(hash)) = (key, hash) {
        key.hash = hash;
        // A cache that cannot be written (a read-only folder) is not kept;
        // the graph is loaded all the same.
        let _ = write_snapshot(&graph, &cache, Kind::Cache, key, stamp);
    }
    Ok(graph)
}

/// Saves `graph` to `path`: a snapshot when the name ends in `.agraph`,
/// else RON (`-` is standard output); the RON file's old cache is removed,
/// to be rebuilt from the file by its next open.
pub fn save(graph: &Graph, path: &Path) -> Result<(), StoreError> {
    save_with_progress(graph, path, &mut |_| {})
}

/// Like [`save`], calling `progress` with the bytes of RON written so far.
pub fn save_with_progress(
    graph: &Graph,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    if is_snapshot_path(path) {
        return write_snapshot(graph, path, Kind::Primary, SourceKey::default(), now_ns());
    }
    super::ron::save_with_progress(graph, path, progress)?;
    if path == Path::new("-") {
        return Ok(());
    }
    // The cache is not written from the graph in memory: another writer
    // may replace the file between this save and a look at it, and a cache
    // of this graph keyed by that file's hash would answer for it. The old
    // cache goes; the next open rebuilds it from what the file then holds.
    let cache = cache_path(path);
    if std::fs::symlink_metadata(&cache).is_ok_and(|m| m.is_file()) {
        let _ = std::fs::remove_file(&cache);
    }
    Ok(())
}

fn write_snapshot(
    graph: &Graph,
    path: &Path,
    kind: Kind,
    key: SourceKey,
    written: i64,
) -> Result<(), StoreError> {
    let bytes = snapshot::encode(graph, kind, key, written);
    crate::atomic::write_atomically(path, &bytes)
        .map_err(|error| StoreError::one(Diagnostic::new(error.to_string())))
}

/// A snapshot that is a graph's only file and cannot be read.
fn refused(origin: &str, damage: &Damage) -> StoreError {
    let help = match damage {
        Damage::Version(_) => {
            "open it with the actorgraph that wrote it and save it as RON, or import the data again"
        }
        Damage::NotSnapshot => "its first bytes, the snapshot's mark, are damaged, or it is not a graph file; a snapshot named by -g is a graph's only file: nothing can rebuild it; restore it from a copy or import the data again",
        _ => "a snapshot named by -g is a graph's only file: nothing can rebuild it; restore it from a copy or import the data again",
    };
    StoreError::one(
        Diagnostic::new(format!("cannot open `{origin}`: {damage}"))
            .origin(origin)
            .help(Some(help.into())),
    )
}

/// The snapshot in `file`, read from its start.
fn read_snapshot(file: &mut std::fs::File) -> Result<Graph, Damage> {
    let length = file.metadata().map_or(0, |m| m.len());
    let mut head = vec![0u8; HEADER_BYTES.min(length as usize)];
    file.read_exact(&mut head)
        .map_err(|e| Damage::Body(format!("header could not be read: {e}")))?;
    let header = Header::read(&head)?;
    snapshot::open_file(&header, file)
}

fn starts_with_magic(path: &Path) -> bool {
    // A pipe (`-g <(cat g.ron)`) can be read only once: it is never a
    // snapshot, and its first bytes must be left for the RON parser.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut start = [0u8; MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok()
        && start == MAGIC
}

/// True when the regular file at `path` holds a NUL byte in its first
/// 4 KiB, as a snapshot's header does and no RON text can.
fn looks_binary(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut start = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|file| file.take(4096).read_to_end(&mut start))
        .is_ok_and(|_| start.contains(&0))
}

/// What the cache gave.
enum Cached {
    Current(Box<Graph>),
    /// Not usable.
    Stale,
}

/// The xxh3-64 of a file's bytes, read a mebibyte at a time (equal to
/// `xxh3_64` of the whole), so checking a large RON file holds no copy of it.
fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Ok(hasher.digest()),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

fn from_cache(ron: &Path, cache: &Path, key: SourceKey, stamp: i64) -> Cached {
    let Ok(mut file) = std::fs::File::open(cache) else {
        return Cached::Stale;
    };
    let mut head = [0u8; HEADER_BYTES];
    if file.read_exact(&mut head).is_err() {
        return Cached::Stale;
    }
    let Ok(header) = Header::read(&head) else {
        return Cached::Stale;
    };
    let recorded = header.source;
    if header.kind != Kind::Cache || recorded.size != key.size {
        return Cached::Stale;
    }
    let same_times = recorded.inode == key.inode
        && recorded.modified == key.modified
        && recorded.changed == key.changed;
    let trusted = same_times && recorded.changed.saturating_add(RACY_MARGIN_NS) < header.written;
    if !trusted && hash_file(ron).ok() != Some(recorded.hash) {
        return Cached::Stale;
    }
    match snapshot::open_file(&header, &file) {
        Ok(graph) => {
            if !trusted && key.changed.saturating_add(RACY_MARGIN_NS) < stamp {
                restamp(cache, &header, key, stamp);
            }
            Cached::Current(Box::new(graph))
        }
        Err(_) => Cached::Stale,
    }
}

/// Records that the RON file, as it is now (`key`, read at `stamp`), is
/// the one the cache holds, so that later opens trust its times.
fn restamp(cache: &Path, header: &Header, mut key: SourceKey, stamp: i64) {
    key.hash = header.source.hash;
    let stamped = Header {
        source: key,
        written: stamp,
        ..*header
    };
    if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(cache) {
        let _ = file.write_all(&stamped.to_bytes());
    }
}

fn stat_key(metadata: &std::fs::Metadata) -> SourceKey {
    use std::os::unix::fs::MetadataExt;
    SourceKey {
        inode: metadata.ino(),
        size: metadata.len(),
        modified: metadata
            .mtime()
            .saturating_mul(1_000_000_000)
            .saturating_add(metadata.mtime_nsec()),
        changed: metadata
            .ctime()
            .saturating_mul(1_000_000_000)
            .saturating_add(metadata.ctime_nsec()),
        hash: 0,
    }
}

fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}
