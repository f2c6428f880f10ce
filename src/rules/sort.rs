//! One sort for the engine's lists, so that the wasm module carries one copy of the sort code.
//!
//! Every `sort_by_key` call with its own closure is a new instantiation of the standard library's
//! driftsort (about 15 functions, 4–5 KB of wasm each time); the module held 354 sort functions,
//! 94 KB before wasm-bindgen (`scripts/wasm-size.py`). Here only [`order`] calls the standard sort,
//! on plain indices with a comparison behind a `dyn` reference: one instantiation however many
//! lists use it. The generic part left per caller is the small loop that moves the items.
//!
//! The sort is stable, like `sort_by_key`: items with equal keys keep their order.

use std::cmp::Ordering;

/// The indices `0..len` ordered by `compare`, stably. Not generic, so its sort is instantiated once.
fn order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..len).collect();
    indices.sort_by(|&a, &b| compare(a, b));
    indices
}

/// Sorts `items` by `compare`, stably (as `slice::sort_by` does).
pub fn by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let indices = order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(indices.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by `key`, stably (as `slice::sort_by_key` does).
pub fn by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::{by, by_key};

    #[test]
    fn sorts_by_key_and_keeps_the_order_of_equal_keys() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_the_standard_sort() {
        let mut v: Vec<u32> = (0..500u32)
            .map(|i| i.wrapping_mul(2_654_435_761) % 97)
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|x| std::cmp::Reverse(*x));
        by_key(&mut v, |x| std::cmp::Reverse(*x));
        assert_eq!(v, expected);
        let mut words = vec!["b", "a", "c", "a"];
        by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["a", "a", "b", "c"]);
    }
}
