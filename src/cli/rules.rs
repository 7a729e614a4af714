//! `leadgate config ...` and `leadgate rules ...`.

use std::io::Write;
use std::path::Path;

use super::args::ConfigAction;
use super::commands::CliError;
use crate::config::{DEFAULT_RULES_FILE, load_rules};
use crate::domain::Rules;

pub fn config(action: &ConfigAction, path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        ConfigAction::Path => writeln!(out, "{}", path.display())?,
        ConfigAction::Init { force } => {
            if path.exists() && !force {
                return Err(CliError::Rules(format!(
                    "{} already exists; pass --force to replace it",
                    path.display()
                )));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, DEFAULT_RULES_FILE)?;
            writeln!(
                out,
                "wrote {}; check it with `leadgate rules check`",
                path.display()
            )?;
        }
    }
    Ok(())
}

pub fn check(path: &Path, explicit: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let rules = load_rules(path, explicit).map_err(CliError::Rules)?;
    if path.exists() {
        writeln!(
            out,
            "{}: the rules are valid (version {})",
            path.display(),
            rules.version()
        )?;
    } else {
        writeln!(
            out,
            "no rules file at {}: the built-in rules apply (version {})",
            path.display(),
            rules.version()
        )?;
    }
    Ok(())
}

pub fn show(rules: &Rules, path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let from = if path.exists() {
        path.display().to_string()
    } else {
        "the built-in defaults".to_string()
    };
    writeln!(out, "# rules from {from}, version {}", rules.version())?;
    write!(out, "{}", crate::safe_text::multi_line(&rules.describe()))?;
    Ok(())
}
