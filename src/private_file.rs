//! Files that hold people's contact details (exports, reports, an audit's files): created
//! readable by their owner only, and, when written whole, written beside their target and
//! renamed into place, so a failure leaves no half-written file.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// The folder `path` goes in ("." for a bare file name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// An owner-only temporary file in `path`'s folder, to `put` in place once complete.
///
/// # Errors
/// The folder is missing or cannot be written; the message names it.
pub fn beside(path: &Path) -> io::Result<NamedTempFile> {
    let dir = folder(path);
    tempfile::Builder::new()
        .prefix(".leadgate-")
        .tempfile_in(dir)
        .map_err(|e| {
            // The temporary name means nothing to a person: the folder and the cause do.
            let why = if e.kind() == io::ErrorKind::NotFound {
                "no such folder".to_string()
            } else {
                io::Error::from(e.kind()).to_string()
            };
            io::Error::new(
                e.kind(),
                format!("could not write in {}: {why}", dir.display()),
            )
        })
}

/// Renames a finished temporary file over `path`.
///
/// # Errors
/// The rename fails; the message names `path`.
pub fn put(temp: NamedTempFile, path: &Path) -> io::Result<()> {
    temp.persist(path).map(drop).map_err(|e| {
        io::Error::new(
            e.error.kind(),
            format!("could not write {}: {}", path.display(), e.error),
        )
    })
}

/// Writes `bytes` as `path`, whole or not at all.
///
/// # Errors
/// As `beside` and `put`, or a write error.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temp = beside(path)?;
    temp.write_all(bytes)?;
    put(temp, path)
}

/// Creates (or empties) `path` as a file only its owner can read, for writing as it goes.
///
/// # Errors
/// The file cannot be created.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
