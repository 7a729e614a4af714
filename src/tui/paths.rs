//! Completing a typed path, as a shell does on Tab. Reading the folder is the loop's IO
//! (`entries`); what the completion is, given what the folder holds, is pure (`complete`).

use std::path::PathBuf;

/// A path as typed: a leading `~/` means the home folder.
#[must_use]
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The folder part of a typed path (up to its last `/`) and the start of a name after it.
fn split(typed: &str) -> (&str, &str) {
    match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    }
}

/// What the folder of `typed` holds: each name, and whether it is a folder. Nothing when it
/// cannot be read.
#[must_use]
pub fn entries(typed: &str) -> Vec<(String, bool)> {
    let (dir, _) = split(typed);
    let dir = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir)
    };
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .take(10_000)
        .map(|e| {
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            (e.file_name().to_string_lossy().into_owned(), is_dir)
        })
        .collect()
}

/// Tab on `typed`, given what its folder holds: the text completed as far as it is
/// unambiguous (a folder gets its `/`), and the names that still match when more than one
/// does (folders with a `/`), sorted. Hidden names only when the typed start is hidden.
/// `None` when no name matches.
#[must_use]
pub fn complete(typed: &str, entries: &[(String, bool)]) -> Option<(String, Vec<String>)> {
    let (dir, stem) = split(typed);
    let mut hits: Vec<&(String, bool)> = entries
        .iter()
        .filter(|(name, _)| {
            name.starts_with(stem) && (stem.starts_with('.') || !name.starts_with('.'))
        })
        .collect();
    hits.sort();
    Some(match hits.as_slice() {
        [] => return None,
        [(name, is_dir)] => (
            format!("{dir}{name}{}", if *is_dir { "/" } else { "" }),
            Vec::new(),
        ),
        many => {
            let first = &many[0].0;
            let common = many.iter().fold(first.len(), |n, (name, _)| {
                first
                    .char_indices()
                    .zip(name.chars())
                    .take_while(|((i, a), b)| *i < n && a == b)
                    .last()
                    .map_or(0, |((i, a), _)| i + a.len_utf8())
            });
            let names = many
                .iter()
                .map(|(name, is_dir)| format!("{name}{}", if *is_dir { "/" } else { "" }))
                .collect();
            (format!("{dir}{}", &first[..common]), names)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing() -> Vec<(String, bool)> {
        [
            ("leads-2026-11.csv", false),
            ("leads-2026-12.csv", false),
            ("archive", true),
            (".hidden.csv", false),
            ("notes.txt", false),
        ]
        .iter()
        .map(|(n, d)| ((*n).to_string(), *d))
        .collect()
    }

    #[test]
    fn tab_completes_as_far_as_it_is_unambiguous() {
        let l = listing();
        assert_eq!(
            complete("~/Downloads/le", &l),
            Some((
                "~/Downloads/leads-2026-1".to_string(),
                vec![
                    "leads-2026-11.csv".to_string(),
                    "leads-2026-12.csv".to_string()
                ]
            ))
        );
        assert_eq!(complete("n", &l), Some(("notes.txt".to_string(), vec![])));
        assert_eq!(
            complete("x/ar", &l),
            Some(("x/archive/".to_string(), vec![]))
        );
        assert_eq!(complete("zz", &l), None);
        assert_eq!(
            complete(".h", &l),
            Some((".hidden.csv".to_string(), vec![]))
        );
        let (_, all) = complete("dir/", &l).expect("matches");
        assert_eq!(all.len(), 4, "hidden names stay hidden: {all:?}");
        assert!(all.contains(&"archive/".to_string()));
    }
}
