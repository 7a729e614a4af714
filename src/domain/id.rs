//! Record identity: random 128-bit ids written as 32 lowercase hex digits.
//!
//! Random text ids (not row numbers) let two copies of a database be merged without
//! collisions. People see and type short prefixes, as with git commit hashes.

/// Length of a full id.
pub const ID_LEN: usize = 32;
/// The shortest prefix shown, even when a shorter one would be unambiguous.
pub const MIN_SHORT_LEN: usize = 6;

/// The first `len` characters of an id, or all of it when it is shorter (ids copied in from
/// elsewhere need not be well formed, and must never make a screen panic).
#[must_use]
pub fn prefix(id: &str, len: usize) -> &str {
    id.char_indices().nth(len).map_or(id, |(at, _)| &id[..at])
}

/// Normalizes a typed prefix: trimmed and lower-cased. `None` when it cannot be part of an id.
#[must_use]
pub fn normalize_prefix(raw: &str) -> Option<String> {
    let p = raw.trim().to_ascii_lowercase();
    (!p.is_empty() && p.len() <= ID_LEN && p.bytes().all(|b| b.is_ascii_hexdigit())).then_some(p)
}

/// The shortest prefix of `id` that no neighbour shares, at least `MIN_SHORT_LEN` long.
///
/// In sorted order only the two neighbours can share the longest prefix with `id`, so they
/// are all that is needed.
#[must_use]
pub fn short_id<'a>(id: &'a str, before: Option<&str>, after: Option<&str>) -> &'a str {
    let common = |other: Option<&str>| {
        other.map_or(0, |o| {
            id.bytes()
                .zip(o.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
    };
    let len = (common(before).max(common(after)) + 1).max(MIN_SHORT_LEN);
    prefix(id, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_id_grows_past_shared_prefix() {
        let id = "abcdef1234";
        assert_eq!(short_id(id, None, None), "abcdef");
        assert_eq!(short_id(id, Some("abcdef12"), None), "abcdef123");
        assert_eq!(short_id(id, Some("ab0"), Some("abcdef1299")), "abcdef123");
    }

    #[test]
    fn odd_ids_never_panic() {
        assert_eq!(short_id("abc", None, None), "abc");
        assert_eq!(prefix("éé", 1), "é");
        assert_eq!(prefix("abcdefgh", 8), "abcdefgh");
    }

    #[test]
    fn prefixes_are_hex_only() {
        assert_eq!(normalize_prefix(" ABC1 "), Some("abc1".into()));
        assert_eq!(normalize_prefix("xyz"), None);
        assert_eq!(normalize_prefix(""), None);
        assert_eq!(normalize_prefix("'; drop table leads"), None);
    }
}
