/*
 * In-kernel smoke test of the red-black tree, built with the kernel's
 * compiler flags (tests/host/test_rbtree.c has the random model). The
 * nodes live in a static array, so nothing is allocated or leaked.
 */
#include "ktest.h"
#include "rbtree.h"

#define NR_ITEMS 300

struct item {
	struct rb_node rb;
	unsigned key, index;
};

static struct item items[NR_ITEMS];

static bool item_less(const struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct item, rb)->key < rb_entry(b, struct item, rb)->key;
}

/* A permutation of 0..NR_ITEMS-1: 7919 is prime, so coprime to 300. */
static unsigned scrambled(unsigned i)
{
	return i * 7919 % NR_ITEMS;
}

/* Every item, keyed so that each key appears twice, added in scrambled
 * order. */
static void fill(struct rb_root_cached *root)
{
	*root = RB_ROOT_CACHED;
	for (unsigned i = 0; i < NR_ITEMS; i++) {
		struct item *it = &items[scrambled(i)];

		it->key = scrambled(i) / 2;
		it->index = i;
		rb_add_cached(&it->rb, root, item_less);
	}
}

/* Walk the tree both ways: keys ascend, equal keys in the order they were
 * added, and both walks see `expected` nodes. */
static void expect_in_order(struct rb_root_cached *root, unsigned expected)
{
	const struct item *prev = NULL;
	unsigned n = 0, back = 0;

	KEXPECT_TRUE(rb_first_cached(root) == rb_first(&root->root));
	for (struct rb_node *node = rb_first(&root->root); node;
	     node = rb_next(node), n++) {
		const struct item *it = rb_entry(node, struct item, rb);

		if (prev) {
			KASSERT_TRUE(prev->key <= it->key);
			if (prev->key == it->key)
				KASSERT_TRUE(prev->index < it->index);
		}
		prev = it;
	}
	for (struct rb_node *node = rb_last(&root->root); node;
	     node = rb_prev(node))
		back++;
	KEXPECT_EQ(n, expected);
	KEXPECT_EQ(back, expected);
}

KTEST(rbtree, add_cached_keeps_order_and_rules)
{
	struct rb_root_cached root;

	fill(&root);
	expect_in_order(&root, NR_ITEMS);
	/* 300 nodes: black height at least 1, and n >= 2^bh - 1 (CLRS
	 * lemma 13.1) bounds it by 8. */
	int bh = rb_check(&root.root);
	KEXPECT_GE(bh, 1);
	KEXPECT_LE(bh, 8);
	KEXPECT_EQ(rb_entry(rb_first_cached(&root), struct item, rb)->key, 0);
	KEXPECT_EQ(rb_entry(rb_last(&root.root), struct item, rb)->key,
		   (NR_ITEMS - 1) / 2);
}

KTEST(rbtree, erase_keeps_order_and_rules)
{
	struct rb_root_cached root;
	unsigned left = NR_ITEMS;

	fill(&root);
	/* Every third item first, then the rest, the smallest each time
	 * (the leftmost cache's hard case), checking the rules after each. */
	for (unsigned i = 0; i < NR_ITEMS; i += 3) {
		rb_erase_cached(&items[scrambled(i)].rb, &root);
		left--;
		KASSERT_TRUE(rb_check(&root.root) >= 0);
	}
	expect_in_order(&root, left);
	while (rb_first_cached(&root)) {
		rb_erase_cached(rb_first_cached(&root), &root);
		left--;
		KASSERT_TRUE(rb_check(&root.root) >= 0);
	}
	KEXPECT_EQ(left, 0);
	KEXPECT_TRUE(root.root.node == NULL);
	KEXPECT_EQ(rb_check(&root.root), 0);
}
