//! Where leadgate keeps its files.

use directories::ProjectDirs;
use std::path::PathBuf;

/// The database used when neither `--db` nor `LEADGATE_DB` names one.
#[must_use]
pub fn default_db_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "leadgate").map(|d| d.data_dir().join("leadgate.db"))
}

/// The demo database, kept apart from real data.
#[must_use]
pub fn demo_db_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "leadgate").map(|d| d.data_dir().join("demo.db"))
}

/// The name recorded as the actor of changes when `--as` is not given: the login name, from
/// the environment or else the account database, since cron jobs and containers often run
/// without `$USER`.
#[must_use]
pub fn default_actor() -> String {
    ["LEADGATE_ACTOR", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The name of the account this process runs as, from `/etc/passwd` (what `id -un` reads),
/// found by the owner of `/proc/self`: no libc call needed.
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// The rules file used when neither `--config` nor `LEADGATE_CONFIG` names one.
#[must_use]
pub fn default_config_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "leadgate").map(|d| d.config_dir().join("leadgate.toml"))
}

mod rules_file;
mod rules_shape;
pub use rules_file::{DEFAULT_RULES_FILE, Problem, load_rules, parse_rules};
