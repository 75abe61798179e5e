/*
 * Leak accounting around each in-kernel test (DESIGN.md section 7): what
 * a test allocates it must give back. Pages are counted as free pages plus
 * the pages slab caches hold, so a cache keeping an empty slab for later
 * is not a leak; objects are counted per cache, and tasks in all.
 */
#include "ktest.h"
#include "mm.h"
#include "sched.h"

struct cache_count {
	const struct kmem_cache *cache;
	unsigned long in_use;
};

static struct {
	unsigned long pages, tasks;
	unsigned count;
	struct cache_count caches[KTEST_MAX_CACHES];
} before;

static unsigned long slab_pages;

static void count_cache(const struct kmem_cache *cache, void *arg)
{
	struct kmem_cache_stats stats;

	(void)arg;
	kmem_cache_get_stats(cache, &stats);
	slab_pages += stats.pages;
	if (before.count < KTEST_MAX_CACHES)
		before.caches[before.count++] = (struct cache_count){ cache, stats.objects_in_use };
}

static unsigned long pages_not_in_use(void)
{
	return nr_free_pages() + slab_pages;
}

void ktest_leak_snapshot(void)
{
	before.count = 0;
	slab_pages = 0;
	kmem_cache_for_each(count_cache, NULL);
	before.pages = pages_not_in_use();
	before.tasks = nr_tasks();
}

static bool leaked;

static void compare_cache(const struct kmem_cache *cache, void *arg)
{
	struct kmem_cache_stats stats;
	unsigned long was = 0;

	(void)arg;
	kmem_cache_get_stats(cache, &stats);
	slab_pages += stats.pages;
	for (unsigned i = 0; i < before.count; i++)
		if (before.caches[i].cache == cache)
			was = before.caches[i].in_use;
	if (stats.objects_in_use != was) {
		ktest_log("leak: cache %s: %ld object(s) not freed", stats.name,
			  (long)(stats.objects_in_use - was));
		leaked = true;
	}
}

bool ktest_leak_check(void)
{
	leaked = false;
	slab_pages = 0;
	kmem_cache_for_each(compare_cache, NULL);
	unsigned long now = pages_not_in_use();
	if (now != before.pages) {
		ktest_log("leak: %ld page(s) not freed", (long)(before.pages - now));
		leaked = true;
	}
	if (nr_tasks() != before.tasks) {
		ktest_log("leak: %ld task(s) not reaped", (long)(nr_tasks() - before.tasks));
		leaked = true;
	}
	return !leaked;
}
