/*
 * Intrusive red-black trees, with Linux's interface: a struct rb_node lives
 * inside the object, the tree never allocates and knows nothing of keys,
 * and rb_entry() gets back from a node to its object. CFS keeps runnable
 * tasks in one keyed by vruntime; VMAs will be kept in one by address.
 *
 * Inserting is two steps, because only the caller can compare keys: walk
 * down from the root to the empty link where the node belongs, hang it
 * there with rb_link_node(), then let rb_insert_color() restore the
 * red-black rules. rb_add_cached() does both for the common case.
 *
 *	struct rb_node **link = &root->node, *parent = NULL;
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, rb)->key)
 *			link = &parent->left;
 *		else
 *			link = &parent->right;
 *	}
 *	rb_link_node(&thing->rb, parent, link);
 *	rb_insert_color(&thing->rb, root);
 *
 * The tree is not locked: its owner serialises every operation on it.
 */
#ifndef RBTREE_H
#define RBTREE_H

#include <stdbool.h>
#include <stdint.h>

#include "list.h"	/* container_of */

/*
 * The colour is kept in bit 0 of the parent pointer: rb_nodes hold
 * pointers, so they are at least 8-byte aligned and the low bits of their
 * addresses are zero. Red is 0, so a node hung with rb_link_node() starts
 * red with no extra store. The root's parent is NULL.
 */
#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	uintptr_t parent_color;
	struct rb_node *left, *right;
};

struct rb_root {
	struct rb_node *node;
};

/* A tree that also remembers its smallest node, so that rb_first_cached()
 * (CFS's pick_next) costs O(1) instead of a walk down the left spine. */
struct rb_root_cached {
	struct rb_root root;
	struct rb_node *leftmost;
};

#define RB_ROOT		((struct rb_root){ NULL })
#define RB_ROOT_CACHED	((struct rb_root_cached){ { NULL }, NULL })

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/*
 * "Not in any tree": a node that is its own parent, which no node in a
 * tree can be. rb_erase() does not mark the node it removes (as in Linux):
 * a user that asks rb_empty_node() later clears it itself.
 */
#define RB_CLEAR_NODE(node) ((node)->parent_color = (uintptr_t)(node))

static inline bool rb_empty_node(const struct rb_node *node)
{
	return node->parent_color == (uintptr_t)node;
}

/* Hang node, red and childless, at *link, a NULL child link of parent
 * (or the root link, with parent NULL). The tree may now break the rules
 * until rb_insert_color() runs. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->parent_color = (uintptr_t)parent | RB_RED;
	node->left = node->right = NULL;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* As above; leftmost says whether the walk down only ever went left, i.e.
 * whether node is now the smallest. */
void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost);
void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root);

/*
 * Both steps of an insertion, ordered by less(a, b). A node equal to
 * others goes to their right, after them: equal keys come out in the
 * order they went in (FIFO), which is what CFS wants among equal vruntimes.
 */
void rb_add_cached(struct rb_node *node, struct rb_root_cached *root,
		   bool (*less)(const struct rb_node *a, const struct rb_node *b));

/* In-order walks; NULL at either end (and rb_first of an empty tree). */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

static inline struct rb_node *rb_first_cached(const struct rb_root_cached *root)
{
	return root->leftmost;
}

/*
 * Check the red-black rules and the parent pointers (not the key order,
 * which only the user knows). Returns the black height, the number of
 * black nodes on every path from the root down to a NULL link (0 for an
 * empty tree), or -1 if the tree is broken. O(n): for tests and debugging.
 */
int rb_check(const struct rb_root *root);

#endif /* RBTREE_H */
