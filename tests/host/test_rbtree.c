/*
 * kernel/rbtree.c: insertion in ascending, descending and random order,
 * erasing leaves, inner nodes and the root, FIFO order among equal keys,
 * rb_check() on hand-broken trees, and a quarter of a million random
 * inserts and erases checked against a sorted array.
 *
 * Kernel sources: kernel/rbtree.c
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "rbtree.h"

#define N 1024

struct item {
	struct rb_node rb;
	long key;
};

static struct item items[N];

/* xorshift64*: fixed seed, so a failure replays. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static long key_of(const struct rb_node *node)
{
	return rb_entry(node, struct item, rb)->key;
}

static bool item_less(const struct rb_node *a, const struct rb_node *b)
{
	return key_of(a) < key_of(b);
}

/* The two-step insertion of rbtree.h, with the plain (uncached) calls. */
static void insert(struct item *it, struct rb_root *root)
{
	struct rb_node **link = &root->node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < key_of(parent) ? &parent->left : &parent->right;
	}
	rb_link_node(&it->rb, parent, link);
	rb_insert_color(&it->rb, root);
}

static int height(const struct rb_node *node)
{
	if (!node)
		return 0;
	int l = height(node->left), r = height(node->right);
	return 1 + (l > r ? l : r);
}

/*
 * The model: the items the tree should hold, in order. Ordered by key, and
 * among equal keys by insertion, since rb_add_cached() and insert() put a
 * node after its equals.
 */
static struct item *model[N];
static size_t model_n;

static void model_insert(struct item *it)
{
	size_t lo = 0, hi = model_n;

	while (lo < hi) {		/* first item with a larger key */
		size_t mid = (lo + hi) / 2;

		if (model[mid]->key <= it->key)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&model[lo + 1], &model[lo], (model_n - lo) * sizeof(*model));
	model[lo] = it;
	model_n++;
}

static void model_remove(size_t i)
{
	model_n--;
	memmove(&model[i], &model[i + 1], (model_n - i) * sizeof(*model));
}

static size_t model_find(const struct item *it)
{
	size_t i = 0;

	while (model[i] != it)
		i++;
	return i;
}

/*
 * The tree holds exactly the model: both in-order walks, both ends, the
 * red-black rules, and the bounds they imply (CLRS lemma 13.1: n >=
 * 2^bh - 1 and height <= 2 log2(n + 1)). Stops at the first difference,
 * so that one bug is one line of output.
 */
static bool check_tree(const struct rb_root *root)
{
	const struct rb_node *node;
	int bh = rb_check(root), h = height(root->node);
	size_t i;

	if (!CHECK(bh >= 0) || !CHECK((1ULL << bh) - 1 <= model_n) ||
	    !CHECK((1ULL << h) <= (model_n + 1) * (model_n + 1)))
		return false;
	for (node = rb_first(root), i = 0; i < model_n; node = rb_next(node), i++)
		if (!CHECK(node == &model[i]->rb))
			return false;
	if (!CHECK(node == NULL))
		return false;
	for (node = rb_last(root), i = model_n; i > 0; node = rb_prev(node), i--)
		if (!CHECK(node == &model[i - 1]->rb))
			return false;
	return CHECK(node == NULL);
}

static bool check_cached(const struct rb_root_cached *root)
{
	return check_tree(&root->root) &&
	       CHECK(rb_first_cached(root) == (model_n ? &model[0]->rb : NULL));
}

static void empty_tree(void)
{
	struct rb_root root = RB_ROOT;
	struct rb_root_cached cached = RB_ROOT_CACHED;

	model_n = 0;
	CHECK(rb_first(&root) == NULL);
	CHECK(rb_last(&root) == NULL);
	CHECK_EQ_INT(rb_check(&root), 0);
	CHECK(rb_first_cached(&cached) == NULL);
	check_cached(&cached);

	/* One node: a black root, black height 1, both walks end at once. */
	RB_CLEAR_NODE(&items[0].rb);
	CHECK(rb_empty_node(&items[0].rb));
	items[0].key = 7;
	insert(&items[0], &root);
	CHECK(!rb_empty_node(&items[0].rb));
	CHECK_EQ_INT(rb_check(&root), 1);
	CHECK(rb_next(&items[0].rb) == NULL);
	CHECK(rb_prev(&items[0].rb) == NULL);
	rb_erase(&items[0].rb, &root);
	CHECK(root.node == NULL);
	CHECK_EQ_INT(rb_check(&root), 0);
}

/* Insert items[0..N) with keys from key(i), checking after each. */
static void insert_checked(long (*key)(size_t i))
{
	struct rb_root root = RB_ROOT;

	model_n = 0;
	for (size_t i = 0; i < N; i++) {
		items[i].key = key(i);
		insert(&items[i], &root);
		model_insert(&items[i]);
		if (!check_tree(&root))
			return;
	}
}

static long ascending_key(size_t i)
{
	return (long)i;
}

static long descending_key(size_t i)
{
	return N - (long)i;
}

static long random_key(size_t i)
{
	(void)i;
	return (long)(rng() % 100000);
}

static void insert_ascending(void)
{
	insert_checked(ascending_key);
}

static void insert_descending(void)
{
	insert_checked(descending_key);
}

static void insert_random(void)
{
	insert_checked(random_key);
}

/* A node of the tree with this many children, or NULL. */
static struct item *find_with_children(int children)
{
	for (size_t i = 0; i < model_n; i++) {
		const struct rb_node *rb = &model[i]->rb;

		if ((rb->left != NULL) + (rb->right != NULL) == children)
			return model[i];
	}
	return NULL;
}

static bool erase_checked(struct item *it, struct rb_root *root)
{
	rb_erase(&it->rb, root);
	model_remove(model_find(it));
	return check_tree(root);
}

static void erase_leaves_inner_nodes_and_root(void)
{
	struct rb_root root = RB_ROOT;

	model_n = 0;
	for (size_t i = 0; i < 255; i++) {
		items[i].key = (long)i;
		insert(&items[i], &root);
		model_insert(&items[i]);
	}
	/* A few leaves, nodes with one child (a red leaf under a black
	 * node) and inner nodes with two; the root is erased last. */
	for (int children = 0; children <= 2; children++) {
		struct item *it;
		int erased = 0;

		while (erased < 3 && (it = find_with_children(children)) &&
		       &it->rb != root.node) {
			if (!erase_checked(it, &root))
				return;
			erased++;
		}
		CHECK(erased > 0);
	}
	while (root.node)
		if (!erase_checked(rb_entry(root.node, struct item, rb), &root))
			return;
	CHECK_EQ_INT(model_n, 0);
}

/* For every size up to 100 and every position, erase that one node from a
 * tree built in random order: many shapes, every kind of position. */
static void erase_every_position(void)
{
	for (size_t n = 1; n <= 100; n++)
		for (size_t k = 0; k < n; k++) {
			struct rb_root root = RB_ROOT;

			model_n = 0;
			for (size_t i = 0; i < n; i++) {
				items[i].key = (long)(rng() % 1000);
				insert(&items[i], &root);
				model_insert(&items[i]);
			}
			if (!erase_checked(model[k], &root))
				return;
		}
}

static void add_cached_keeps_equal_keys_in_order(void)
{
	static const long keys[] = { 5, 3, 5, 1, 5, 3, 1 };
	static const size_t order[] = { 3, 6, 1, 5, 0, 2, 4 };
	struct rb_root_cached root = RB_ROOT_CACHED;
	const struct rb_node *node;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		items[i].key = keys[i];
		rb_add_cached(&items[i].rb, &root, item_less);
	}
	for (node = rb_first(&root.root), i = 0; i < ARRAY_SIZE(order);
	     node = rb_next(node), i++)
		CHECK(node == &items[order[i]].rb);
	CHECK(node == NULL);
	/* A later equal of the smallest key goes after it, not first. */
	CHECK(rb_first_cached(&root) == &items[3].rb);
	rb_erase_cached(&items[3].rb, &root);
	CHECK(rb_first_cached(&root) == &items[6].rb);
	CHECK(rb_check(&root.root) > 0);
}

/* Random inserts and erases, growing the tree to N nodes and shrinking it
 * back in turns, over few keys (many equal) and many. */
static void random_against_model(void)
{
	enum { PHASES = 12, OPS = 20000, BATCH = 50 };
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item *spare[N];
	size_t nspare = N;

	model_n = 0;
	for (size_t i = 0; i < N; i++) {
		spare[i] = &items[i];
		RB_CLEAR_NODE(&items[i].rb);
	}
	for (int phase = 0; phase < PHASES; phase++) {
		unsigned grow = phase % 2 ? 1 : 3;	/* inserts per 4 ops */
		uint64_t keys = phase / 2 % 2 ? 1000000 : 16;

		for (int op = 0; op < OPS; op++) {
			if (nspare && (model_n == 0 || rng() % 4 < grow)) {
				size_t i = rng() % nspare;
				struct item *it = spare[i];

				spare[i] = spare[--nspare];
				if (!CHECK(rb_empty_node(&it->rb)))
					return;
				it->key = (long)(rng() % keys);
				rb_add_cached(&it->rb, &root, item_less);
				model_insert(it);
			} else {
				size_t i = rng() % model_n;
				struct item *it = model[i];

				rb_erase_cached(&it->rb, &root);
				RB_CLEAR_NODE(&it->rb);
				model_remove(i);
				spare[nspare++] = it;
			}
			if (op % BATCH == BATCH - 1 && !check_cached(&root))
				return;
		}
	}
}

static void set_node(struct rb_node *node, struct rb_node *parent, int color,
		     struct rb_node *left, struct rb_node *right)
{
	node->parent_color = (uintptr_t)parent | (uintptr_t)color;
	node->left = left;
	node->right = right;
}

/* Trees built by hand, each breaking one rule. */
static void check_catches_broken_trees(void)
{
	struct rb_node a, b, c, d;
	struct rb_root root = { &a };

	/* Valid: a black root with two red children. */
	set_node(&a, NULL, RB_BLACK, &b, &c);
	set_node(&b, &a, RB_RED, NULL, NULL);
	set_node(&c, &a, RB_RED, NULL, NULL);
	CHECK_EQ_INT(rb_check(&root), 1);

	/* A red root. */
	set_node(&a, NULL, RB_RED, &b, &c);
	set_node(&b, &a, RB_BLACK, NULL, NULL);
	set_node(&c, &a, RB_BLACK, NULL, NULL);
	CHECK_EQ_INT(rb_check(&root), -1);

	/* A red node with a red child, black heights all 1. */
	set_node(&a, NULL, RB_BLACK, &b, &c);
	set_node(&b, &a, RB_RED, &d, NULL);
	set_node(&c, &a, RB_RED, NULL, NULL);
	set_node(&d, &b, RB_RED, NULL, NULL);
	CHECK_EQ_INT(rb_check(&root), -1);

	/* Black heights 2 on the left and 1 on the right. */
	set_node(&b, &a, RB_BLACK, NULL, NULL);
	set_node(&a, NULL, RB_BLACK, &b, NULL);
	CHECK_EQ_INT(rb_check(&root), -1);

	/* A child that names the wrong parent. */
	set_node(&a, NULL, RB_BLACK, &b, &c);
	set_node(&b, &a, RB_RED, NULL, NULL);
	set_node(&c, &b, RB_RED, NULL, NULL);
	CHECK_EQ_INT(rb_check(&root), -1);

	/* A root with a parent. */
	set_node(&a, &d, RB_BLACK, NULL, NULL);
	CHECK_EQ_INT(rb_check(&root), -1);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(empty_tree),
		TEST(insert_ascending),
		TEST(insert_descending),
		TEST(insert_random),
		TEST(erase_leaves_inner_nodes_and_root),
		TEST(erase_every_position),
		TEST(add_cached_keeps_equal_keys_in_order),
		TEST(random_against_model),
		TEST(check_catches_broken_trees),
	};

	return run_tests("rbtree", cases, ARRAY_SIZE(cases));
}
