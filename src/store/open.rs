//! Opening a database: a private file, the right pragmas, the current schema.

use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::patience::{Patience, patiently};
use super::schema::{self, APPLICATION_ID, LATEST_VERSION};
use super::{Store, StoreError};

/// How long a write waits for another process holding the database.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 64;

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// A new file is readable by its owner only. A database written by a newer leadgate, or a
    /// SQLite file that is not leadgate's, is refused without being changed. While an import
    /// of it runs in another program, opening it, and every write after, waits for the import
    /// to end (`Patience::UntilImportsEnd`).
    ///
    /// # Errors
    /// `StoreError::TooNew`, `Foreign`, `Open` or a database error.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, &mut |_| {})
    }

    /// `open`, telling `progress` how an upgrade goes: the copy put aside first, then each
    /// migration, so a screen can show a long one moving.
    ///
    /// # Errors
    /// As `open`; an error naming the copy when it cannot be written (then nothing is
    /// upgraded).
    pub fn open_with(
        path: &Path,
        progress: &mut dyn FnMut(Upgrade<'_>),
    ) -> Result<Store, StoreError> {
        Self::open_inner(path, progress, true, Patience::UntilImportsEnd)
    }

    /// `open`, waiting for a database another program is writing as `patience` says, then
    /// and for every write after.
    ///
    /// # Errors
    /// As `open`.
    pub fn open_patient(path: &Path, patience: Patience) -> Result<Store, StoreError> {
        Self::open_inner(path, &mut |_| {}, true, patience)
    }

    /// `open_with`; an upgrade copies the database aside first only if `keep_copy` (not for
    /// a file that is itself a fresh copy). A large import holds the whole file, reads too:
    /// the opening waits for it as `patience` says.
    pub(super) fn open_inner(
        path: &Path,
        progress: &mut dyn FnMut(Upgrade<'_>),
        keep_copy: bool,
        patience: Patience,
    ) -> Result<Store, StoreError> {
        let mut store = patiently(path, patience, || {
            Self::open_once(path, &mut *progress, keep_copy)
        })?;
        store.patience = patience;
        Ok(store)
    }

    fn open_once(
        path: &Path,
        progress: &mut dyn FnMut(Upgrade<'_>),
        keep_copy: bool,
    ) -> Result<Store, StoreError> {
        let fail = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Open {
            path: path.to_path_buf(),
            source: e,
        };
        if !path.exists() {
            create_private_file(path).map_err(|e| fail(Box::new(e)))?;
        } else if fs::metadata(path).is_ok_and(|m| m.len() == 0 && !m.permissions().readonly()) {
            // An empty file becomes a database here: as private as one created here.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(path, fs::Permissions::from_mode(0o600))
                    .map_err(|e| fail(Box::new(e)))?;
            }
        }
        // A file marked read-only is opened so, even by an account (root) that could write it
        // anyway: the mark is the owner's word that it must not change.
        let read_only = fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false);
        let access = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let flags = access | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(Box::new(e)))?;
        Self::setup(conn, path.to_path_buf(), progress, keep_copy)
    }

    /// Opens an existing database to read it as it is: nothing is created, upgraded or
    /// switched, so a check or a backup never changes the file it looks at.
    ///
    /// # Errors
    /// `Open` when there is no file; `Old` when its schema needs an upgrade first; as `open`.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(StoreError::Empty(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            source: Box::new(e),
        })?;
        match Self::setup(conn, path.to_path_buf(), &mut |_| {}, false) {
            Err(StoreError::ReadOnly(path)) => {
                let found = Self::schema_version(&path)?.unwrap_or(0);
                Err(StoreError::Old {
                    path,
                    found,
                    latest: LATEST_VERSION,
                })
            }
            other => other,
        }
    }

    /// The schema version of the database at `path`, read without changing anything; `None`
    /// when there is no file yet. Lets a caller say that an upgrade is coming before it starts.
    ///
    /// # Errors
    /// A database error.
    pub fn schema_version(path: &Path) -> Result<Option<i64>, StoreError> {
        if !path.exists() {
            return Ok(None);
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
                StoreError::Open {
                    path: path.to_path_buf(),
                    source: Box::new(e),
                }
            })?;
        // A look, not a wait: when the file is busy, opening it is what waits.
        conn.busy_timeout(Duration::ZERO)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(Some(version))
    }

    /// A private in-memory database, for tests and dry runs.
    ///
    /// # Errors
    /// A database error.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            &mut |_| {},
            false,
        )
    }

    fn setup(
        mut conn: Connection,
        path: PathBuf,
        progress: &mut dyn FnMut(Upgrade<'_>),
        keep_copy: bool,
    ) -> Result<Store, StoreError> {
        // Room for every statement a screen runs (a lead's detail alone takes more than
        // rusqlite's default 16): a statement pushed out is parsed and planned again.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // However many steps wait on a busy file, opening it waits this long in all.
        let deadline = Instant::now() + BUSY_TIMEOUT;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read before writing anything: a refused file must stay byte-for-byte as it was.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| match StoreError::from(e) {
                StoreError::Sql(e) => StoreError::Open {
                    path: path.clone(),
                    source: Box::new(e),
                },
                other => other,
            })?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if (version == 0 && tables > 0) || (version > 0 && app_id != APPLICATION_ID) {
            return Err(StoreError::Foreign { path });
        }
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            // Read as it is: no journal switch, and no upgrade (that would be a write).
            if version != LATEST_VERSION {
                return Err(StoreError::ReadOnly(path));
            }
            conn.execute_batch("PRAGMA foreign_keys = ON;")?;
            return Ok(Store {
                conn,
                path,
                score_rules_known: false,
                patience: Patience::UntilImportsEnd,
            });
        }
        // A file is in another mode only while a large import writes it (or after one was
        // killed): the switch back waits for that import as for any other write.
        switch_journal(&conn, "WAL", deadline)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        if version == 0 {
            schema::create(&mut conn)?;
        } else if version < LATEST_VERSION {
            upgrade(&mut conn, &path, version, progress, keep_copy)?;
        }
        Ok(Store {
            conn,
            path,
            score_rules_known: false,
            patience: Patience::UntilImportsEnd,
        })
    }
}

/// How opening a database that needs an upgrade is getting on.
#[derive(Debug, Clone, Copy)]
pub enum Upgrade<'a> {
    /// Copying the database aside before anything changes.
    Copying {
        to: &'a Path,
        progress: super::backup::CopyProgress,
    },
    /// Running migration `number` (counted from 1) of `of`, from schema `from`.
    Migrating { number: usize, of: usize, from: i64 },
    /// Done: the copy made first, which the upgraded database no longer needs.
    Upgraded { copy: &'a Path },
}

/// Copies the database aside, then runs the migrations after `from`. A copy that cannot be
/// written stops the upgrade before it starts.
fn upgrade(
    conn: &mut Connection,
    path: &Path,
    from: i64,
    progress: &mut dyn FnMut(Upgrade<'_>),
    keep_copy: bool,
) -> Result<(), StoreError> {
    let of = usize::try_from(LATEST_VERSION - from).unwrap_or(0);
    if !keep_copy {
        schema::upgrade(conn, from, &mut |number| {
            progress(Upgrade::Migrating { number, of, from });
        })?;
        return Ok(());
    }
    let copy =
        super::backup::beside_name(path, &format!("before-upgrade-{from}"), chrono::Utc::now());
    let temp = crate::private_file::beside(&copy).map_err(|e| StoreError::Open {
        path: copy.clone(),
        source: Box::new(e),
    })?;
    super::backup::copy(conn, temp.path(), &mut |p| {
        progress(Upgrade::Copying {
            to: &copy,
            progress: p,
        });
    })
    .map_err(|e| e.about_file(&copy))?;
    crate::private_file::put(temp, &copy).map_err(|e| StoreError::Open {
        path: copy.clone(),
        source: Box::new(e),
    })?;
    super::backup::sync_folder(&copy);
    schema::upgrade(conn, from, &mut |number| {
        progress(Upgrade::Migrating { number, of, from });
    })?;
    progress(Upgrade::Upgraded { copy: &copy });
    Ok(())
}

/// Puts the database in journal `mode` (`WAL`, as every connection runs, or `DELETE`, for a
/// large import), trying until `deadline`; returns the mode in force after (an in-memory
/// database stays in `memory`). SQLite does not wait for a switch by itself (the connection
/// already reads the file), so the waiting is done here, in short tries.
pub(super) fn switch_journal(
    conn: &Connection,
    mode: &'static str,
    deadline: Instant,
) -> Result<String, StoreError> {
    let query = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0));
    let current = query("PRAGMA journal_mode")?;
    if current.eq_ignore_ascii_case(mode) {
        return Ok(current);
    }
    conn.busy_timeout(Duration::ZERO)?;
    let switched = loop {
        match query(&format!("PRAGMA journal_mode = {mode}")).map_err(StoreError::from) {
            Err(StoreError::Busy(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            other => break other,
        }
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    switched
}

/// Creates an empty file only its owner can read, and its folder if needed.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: theirs is as good.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
