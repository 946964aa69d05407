//! The emulator's one sort. Each instantiation of the standard sorts costs the console's wasm
//! kilobytes, so every ordering (listings, share times, copy queues, the demo's history) is put as
//! a [`Key`] and sorted here, by a single instantiation.

/// What an item is ordered by: two numbers, then a text. A descending number is given as its
/// complement (`u64::MAX - n`).
pub type Key<'a> = (u64, u64, &'a str);

/// The positions of `keys` in ascending key order, equal keys in their order (a stable sort).
pub fn ascending(keys: Vec<Key<'_>>) -> Vec<usize> {
    let mut order: Vec<(Key<'_>, usize)> = keys.into_iter().zip(0..).collect();
    order.sort_unstable();
    order.into_iter().map(|(_, at)| at).collect()
}

/// `items` in ascending order of `key`, items with equal keys in their order (a stable sort).
pub fn sorted<T>(items: Vec<T>, key: impl Fn(&T) -> Key<'_>) -> Vec<T> {
    let order = ascending(items.iter().map(key).collect());
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|at| slots[at].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_both_numbers_then_the_text_keeping_ties_in_order() {
        let items = [(2, 0, "a", 'w'), (1, 5, "b", 'x'), (1, 5, "a", 'y'), (2, 0, "a", 'z'), (1, 4, "c", 'v')];
        let sorted = sorted(items.to_vec(), |&(a, b, text, _)| (a, b, text));
        let tags: String = sorted.iter().map(|item| item.3).collect();
        assert_eq!(tags, "vyxwz");
    }
}
