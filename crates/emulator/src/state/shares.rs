//! Who an image is shared with.

use super::{AccountId, Millis};

/// The accounts an image is shared with, and since when, by account. A sorted `Vec`: an image is
/// shared with a few accounts, and the `BTreeMap<u64, u64>` it replaces was a B-tree of its own in
/// the wasm. Saved as that map was, `{"account": since}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shares(Vec<(AccountId, Millis)>);

impl Shares {
    fn find(&self, account: AccountId) -> Result<usize, usize> {
        self.0.binary_search_by_key(&account, |(a, _)| *a)
    }

    pub fn contains(&self, account: AccountId) -> bool {
        self.find(account).is_ok()
    }

    /// Shares with `account` from `at`, unless it is already.
    pub fn add(&mut self, account: AccountId, at: Millis) {
        if let Err(place) = self.find(account) {
            self.0.insert(place, (account, at));
        }
    }

    pub fn remove(&mut self, account: AccountId) {
        if let Ok(place) = self.find(account) {
            self.0.remove(place);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(account, since)` by account.
    pub fn iter(&self) -> impl Iterator<Item = (AccountId, Millis)> + '_ {
        self.0.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_share_of_each_account_in_account_order() {
        let mut shares = Shares::default();
        for (account, at) in [(30, 1), (10, 2), (30, 3), (20, 4)] {
            shares.add(account, at);
        }
        shares.remove(20);
        shares.remove(99);
        assert!(shares.contains(10) && !shares.contains(20));
        assert_eq!(shares.iter().collect::<Vec<_>>(), [(10, 2), (30, 1)]);
    }
}
