//! Several reads seen at one moment.

use super::{Store, StoreError};

impl Store {
    /// Runs `read` inside one read transaction: every statement in it sees the database as it
    /// was when the first one ran, though another program commits meanwhile, and the file's
    /// shared lock is taken once instead of once a statement. Inside a transaction already,
    /// `read` simply runs in it.
    ///
    /// # Errors
    /// `read`'s error; a database error.
    pub fn at_once<T>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = read(self);
        // Nothing was written: ending the transaction only lets go of the snapshot.
        let ended = self.conn.execute_batch("ROLLBACK");
        let value = result?;
        ended?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn every_read_inside_sees_the_moment_the_first_one_saw() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("leads.db");
        let store = Store::open(&path).expect("open");
        let other = Connection::open(&path).expect("second connection");
        let count = |s: &Store| -> Result<i64, StoreError> {
            Ok(s.conn
                .query_row("SELECT count(*) FROM reason_codes", [], |r| r.get(0))?)
        };
        let (before, after) = store
            .at_once(|s| {
                let before = count(s)?;
                other
                    .execute_batch("INSERT INTO reason_codes (code, label) VALUES ('x', 'X')")
                    .map_err(StoreError::from)?;
                Ok((before, count(s)?))
            })
            .expect("read");
        assert_eq!(before, after, "a commit in between is not seen inside");
        assert!(store.conn.is_autocommit(), "the transaction is over");
        assert_eq!(count(&store).expect("count"), before + 1);
    }
}
