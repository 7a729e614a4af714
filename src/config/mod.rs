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

/// The name recorded as the actor of changes when `--as` is not given: the login name.
#[must_use]
pub fn default_actor() -> String {
    ["LEADGATE_ACTOR", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The rules file used when neither `--config` nor `LEADGATE_CONFIG` names one.
#[must_use]
pub fn default_config_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "leadgate").map(|d| d.config_dir().join("leadgate.toml"))
}

mod rules_file;
pub use rules_file::{DEFAULT_RULES_FILE, Problem, load_rules, parse_rules};
