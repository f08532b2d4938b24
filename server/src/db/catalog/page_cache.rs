//! Catalog pages answered recently, reused until the catalog changes.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use app::model::ProductPage;

/// Catalog pages answered recently. Citizens ask the same few things (the first page, a
/// province, "mat ong") far more often than the catalog changes, and counting the facets of
/// 100,000 products for each of them costs a database scan every time. A page is reused while
/// the catalog's edition is the one it was counted under (`Database::catalog_edition`, shared
/// by every server through the database): after a change, the next request counts again, and
/// requests for the same page meanwhile wait for that one count instead of each starting their
/// own. A page older than `PAGE_CACHE_TTL` is counted again by one request while the others
/// still get it as it was. The policy by hand rather than on `moka`: its single-flight
/// `get_with` makes everyone wait for the recount of an old page, where this keeps answering
/// with it; the bound on `lru`, which forgets the page least recently asked for, one a time.
pub(super) struct PageCache {
    pages: Mutex<lru::LruCache<String, CachedPage>>,
    /// One lock per page being counted, so that only one request counts it.
    counting: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// The bound on how long a change made outside the platform (SQL typed by hand) takes to show;
/// everything the platform changes bumps the edition instead.
const PAGE_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// About 10 kB a page, kept until the least recently asked for goes: 2,048 pages hold the
/// popular ones within some 20 MB (4,096 took the server at 100,000 products to 297 MB of
/// its 300 MB budget under typing traffic, each page asked once).
const PAGE_CACHE_SIZE: NonZeroUsize = NonZeroUsize::new(2048).unwrap();

struct CachedPage {
    edition: u64,
    stored: Instant,
    /// Since when one request has been counting it again, if one is.
    recounting: Option<Instant>,
    page: Arc<ProductPage>,
}

/// What the cache holds for a page.
pub(super) enum Cached {
    /// Current: answer with it.
    Page(Arc<ProductPage>),
    /// Old: this request counts it again; answer with this if counting fails.
    Recount(Arc<ProductPage>),
    /// Nothing current: count it (once for all who ask now).
    Missing,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache { pages: Mutex::new(lru::LruCache::new(PAGE_CACHE_SIZE)), counting: Mutex::default() }
    }
}

impl PageCache {
    pub(super) fn lookup(&self, key: &str, edition: u64) -> Cached {
        let mut pages = self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match pages.get_mut(key) {
            Some(cached) if cached.edition == edition => {
                let someone_recounting = cached.recounting.is_some_and(|since| since.elapsed() < PAGE_CACHE_TTL);
                if cached.stored.elapsed() < PAGE_CACHE_TTL || someone_recounting {
                    Cached::Page(cached.page.clone())
                } else {
                    cached.recounting = Some(Instant::now());
                    Cached::Recount(cached.page.clone())
                }
            }
            _ => Cached::Missing,
        }
    }

    pub(super) fn put(&self, key: String, edition: u64, page: &Arc<ProductPage>) {
        let cached = CachedPage { edition, stored: Instant::now(), recounting: None, page: page.clone() };
        let forgotten = self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(key, cached);
        // Dropped with the lock released: every search waits on it.
        drop(forgotten);
    }

    /// The lock held while `key` is counted.
    pub(super) fn counting_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut counting = self.counting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if counting.len() >= PAGE_CACHE_SIZE.get() {
            counting.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        counting.entry(key.to_string()).or_default().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::Facets;

    fn empty_page() -> Arc<ProductPage> {
        Arc::new(ProductPage {
            total: 0,
            items: vec![],
            page: 1,
            page_count: 1,
            facets: Facets::default(),
            corrections: vec![],
        })
    }

    #[test]
    fn a_cached_page_serves_until_the_catalog_changes_and_one_request_recounts_an_old_one() {
        let cache = PageCache::default();
        let page = empty_page();
        assert!(matches!(cache.lookup("/", 0), Cached::Missing));
        cache.put("/".into(), 0, &page);
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
        assert!(matches!(cache.lookup("/?stars=4", 0), Cached::Missing), "another page");
        assert!(matches!(cache.lookup("/", 1), Cached::Missing), "the catalog changed since");

        // Past its age: the first request recounts, the others meanwhile get it as it was.
        let old = Instant::now().checked_sub(PAGE_CACHE_TTL * 2).expect("the clock has run that long");
        cache.pages.lock().unwrap().get_mut("/").unwrap().stored = old;
        assert!(matches!(cache.lookup("/", 0), Cached::Recount(_)));
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
        cache.put("/".into(), 0, &page);
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
    }

    #[test]
    fn a_full_cache_forgets_the_page_least_recently_asked_for_and_no_more() {
        let cache = PageCache::default();
        let page = empty_page();
        for n in 0..PAGE_CACHE_SIZE.get() {
            cache.put(format!("/?q={n}"), 0, &page);
        }
        assert!(matches!(cache.lookup("/?q=0", 0), Cached::Page(_)), "asked for again: now the most recent");
        cache.put("/?q=new".into(), 0, &page);
        assert!(matches!(cache.lookup("/?q=1", 0), Cached::Missing), "the least recently asked for went");
        for kept in ["/?q=0", "/?q=2", "/?q=new"] {
            assert!(matches!(cache.lookup(kept, 0), Cached::Page(_)), "{kept}");
        }
        assert_eq!(cache.pages.lock().unwrap().len(), PAGE_CACHE_SIZE.get());
    }
}
