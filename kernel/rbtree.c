/*
 * Red-black trees, after CLRS (Cormen et al., Introduction to Algorithms,
 * 3rd ed., chapter 13). A binary search tree stays balanced by keeping
 * the red-black properties (CLRS 13.1):
 *
 *	1. every node is red or black;
 *	2. the root is black;
 *	3. every leaf (here a NULL link) is black;
 *	4. a red node has two black children;
 *	5. every path from a node down to a leaf holds the same number of
 *	   black nodes (the node's black height).
 *
 * By 4 and 5 no path is more than twice as long as another, so a tree of
 * n nodes has height at most 2 log2(n + 1) (CLRS lemma 13.1), and every
 * operation here is O(log n) except rb_check().
 *
 * CLRS has a sentinel node for NIL whose parent pointer the deletion
 * fix-up borrows; this tree uses NULL links instead, so rb_erase() carries
 * the parent of the fix-up's current node alongside it.
 *
 * Each fix-up comes in two mirror images (the node on the left of its
 * parent, or on the right). Rather than write each twice, the code names
 * a side by `dir` (LEFT or RIGHT) and the other side by `!dir`.
 */
#include "rbtree.h"

enum { LEFT, RIGHT };

static struct rb_node *rb_parent(const struct rb_node *node)
{
	return (struct rb_node *)(node->parent_color & ~(uintptr_t)1);
}

static int rb_color(const struct rb_node *node)
{
	return (int)(node->parent_color & 1);
}

/* Property 3: a NULL link is a black leaf. */
static bool is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static void set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->parent_color = (uintptr_t)parent | rb_color(node);
}

static void set_color(struct rb_node *node, int color)
{
	node->parent_color = (uintptr_t)rb_parent(node) | color;
}

/* The link to node's child on side dir. */
static struct rb_node **child(struct rb_node *node, int dir)
{
	return dir == LEFT ? &node->left : &node->right;
}

/* Which side of its parent node hangs on. */
static int side(const struct rb_node *node, const struct rb_node *parent)
{
	return parent->left == node ? LEFT : RIGHT;
}

/* Make the link that pointed at old (from parent, or the root link when
 * parent is NULL) point at new; new's own parent pointer is the caller's. */
static void replace_child(struct rb_root *root, struct rb_node *parent,
			  struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		root->node = new;
	else
		*child(parent, side(old, parent)) = new;
}

/*
 * Rotate x down to side dir: its child y on the other side takes its
 * place and x becomes y's child on side dir, taking over y's inner
 * subtree (CLRS 13.2; dir == LEFT is LEFT-ROTATE). The in-order sequence
 * is unchanged, so the tree stays a search tree; colours are untouched.
 *
 *	    x                 y
 *	   / \               / \
 *	  a   y      =>     x   c
 *	     / \           / \
 *	    b   c         a   b
 */
static void rotate(struct rb_root *root, struct rb_node *x, int dir)
{
	struct rb_node *y = *child(x, !dir);
	struct rb_node *b = *child(y, dir);

	*child(x, !dir) = b;
	if (b)
		set_parent(b, x);
	replace_child(root, rb_parent(x), x, y);
	set_parent(y, rb_parent(x));
	*child(y, dir) = x;
	set_parent(x, y);
}

/*
 * node was just hung red at a leaf position. A red node breaks no black
 * height (5), so the only rules it can break are 2 (node is the root) and
 * 4 (its parent is red). CLRS RB-INSERT-FIXUP moves the red-red violation
 * up the tree until one of two rotations ends it.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent;

	while ((parent = rb_parent(node)) && is_red(parent)) {
		/* A red parent is not the root (2), so a grandparent exists,
		 * and it is black (4 held before node came). */
		struct rb_node *gparent = rb_parent(parent);
		int dir = side(parent, gparent);
		struct rb_node *uncle = *child(gparent, !dir);

		if (is_red(uncle)) {
			/*
			 * Case 1: push gparent's blackness down to both its
			 * children. Every path through gparent keeps its
			 * black count; gparent, now red, may clash with its
			 * own parent, so go on from there.
			 */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *child(parent, !dir)) {
			/*
			 * Case 2: node is an inner grandchild. Rotating parent
			 * makes it an outer one (both are red, so no black
			 * height changes) and case 3 applies, with the roles
			 * of node and parent swapped.
			 */
			rotate(root, parent, dir);
			node = parent;
			parent = rb_parent(node);
		}
		/*
		 * Case 3: node is an outer grandchild. Rotate gparent down to
		 * the uncle's side and swap the colours of parent and
		 * gparent: parent, now black, takes gparent's place, so
		 * every path keeps its black count and no red node has a red
		 * child. Done.
		 */
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		rotate(root, gparent, !dir);
		break;
	}
	/* The root may be red: a first node, or one case 1 reddened.
	 * Blackening it adds one to every path at once, so 5 still holds
	 * (2). */
	set_color(root->node, RB_BLACK);
}

/*
 * A black node was taken off the path to x, so every path through x is
 * one black short: think of x as carrying an extra black (CLRS
 * RB-DELETE-FIXUP). A red x simply turns black. Otherwise the extra black
 * moves up until a rotation can absorb it, or it reaches the root, where
 * it can be dropped since it is on every path. x may be NULL (a leaf), so
 * its parent comes separately.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent,
			struct rb_root *root)
{
	while (x != root->node && !is_red(x)) {
		/*
		 * x's sibling w exists: the paths through it must hold the
		 * black node that x's paths lost, so its black height is at
		 * least 1 (5). That is also why a NULL x is the only NULL
		 * child of parent, and side() finds x's side correctly.
		 */
		int dir = side(x, parent);
		struct rb_node *w = *child(parent, !dir);

		if (is_red(w)) {
			/*
			 * Case 1: make the sibling black. w's children are
			 * black (4); rotating parent down to x's side and
			 * swapping the colours of parent and w gives x one
			 * of them as its new sibling, keeping every black
			 * height. Go on to cases 2-4.
			 */
			set_color(w, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(root, parent, dir);
			w = *child(parent, !dir);
		}
		if (!is_red(w->left) && !is_red(w->right)) {
			/*
			 * Case 2: take one black off both x and w by making
			 * w red (its children are black, so 4 holds) and
			 * move the extra black up to parent. If parent was
			 * red (it was, after case 1), the loop ends and it
			 * turns black.
			 */
			set_color(w, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (!is_red(*child(w, !dir))) {
			/*
			 * Case 3: w's inner child is red, its outer one
			 * black. Rotate w away from x and swap the colours
			 * of w and that child, which becomes x's sibling
			 * with a red outer child: case 4. Case 4 recolours
			 * both nodes again, but as in CLRS each case leaves
			 * a tree whose only flaw is x's extra black.
			 */
			set_color(*child(w, dir), RB_BLACK);
			set_color(w, RB_RED);
			rotate(root, w, !dir);
			w = *child(parent, !dir);
		}
		/*
		 * Case 4: w is black with a red outer child. Rotate parent
		 * down to x's side: w takes parent's place and colour,
		 * parent turns black (the extra black for x's paths), and
		 * w's outer child turns black to make up for w leaving the
		 * paths through it. Every rule holds: done.
		 */
		set_color(w, rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(*child(w, !dir), RB_BLACK);
		rotate(root, parent, dir);
		x = root->node;
		break;
	}
	if (x)
		set_color(x, RB_BLACK);
}

/*
 * CLRS RB-DELETE. A node with at most one child is spliced out, its
 * child taking its place. A node with two children is replaced by its
 * successor y, the leftmost node of its right subtree (so y has no left
 * child), and it is y that leaves its old position, spliced out by its
 * right child. Either way one position of the tree disappears, and if the
 * node that left it was black its paths are one black short: fix-up.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *x, *xparent;
	int removed_color = rb_color(node);

	if (!node->left || !node->right) {
		x = node->left ? node->left : node->right;
		xparent = parent;
		replace_child(root, parent, node, x);
		if (x)
			set_parent(x, parent);
	} else {
		struct rb_node *y = node->right;

		while (y->left)
			y = y->left;
		removed_color = rb_color(y);
		x = y->right;
		if (rb_parent(y) == node) {
			xparent = y;
		} else {
			/* Splice y out of its place, then give it node's
			 * right subtree. */
			xparent = rb_parent(y);
			xparent->left = x;
			if (x)
				set_parent(x, xparent);
			y->right = node->right;
			set_parent(y->right, y);
		}
		/* y takes node's place and colour: nothing changes above. */
		replace_child(root, parent, node, y);
		y->parent_color = node->parent_color;
		y->left = node->left;
		set_parent(y->left, y);
	}
	if (removed_color == RB_BLACK)
		erase_fixup(x, xparent, root);
}

void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost)
{
	if (leftmost)
		root->leftmost = node;
	rb_insert_color(node, &root->root);
}

void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	if (root->leftmost == node)
		root->leftmost = rb_next(node);
	rb_erase(node, &root->root);
}

void rb_add_cached(struct rb_node *node, struct rb_root_cached *root,
		   bool (*less)(const struct rb_node *a, const struct rb_node *b))
{
	struct rb_node **link = &root->root.node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->left;
		} else {
			/* Equal keys go right: after the ones already in. */
			link = &parent->right;
			leftmost = false;
		}
	}
	rb_link_node(node, parent, link);
	rb_insert_color_cached(node, root, leftmost);
}

/* The extreme node of the subtree at node on side dir. */
static struct rb_node *extreme(struct rb_node *node, int dir)
{
	if (node)
		while (*child(node, dir))
			node = *child(node, dir);
	return node;
}

/*
 * The in-order neighbour of node on side dir (RIGHT: successor, CLRS
 * TREE-SUCCESSOR). It is the nearest node of the subtree on that side if
 * there is one; otherwise the first ancestor reached from its other side.
 */
static struct rb_node *neighbour(struct rb_node *node, int dir)
{
	struct rb_node *parent;

	if (*child(node, dir))
		return extreme(*child(node, dir), !dir);
	while ((parent = rb_parent(node)) && node == *child(parent, dir))
		node = parent;
	return parent;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return extreme(root->node, LEFT);
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return extreme(root->node, RIGHT);
}

/* const promises only that the walk writes nothing; the caller owns the
 * tree, so handing back a writable node is no breach. */
struct rb_node *rb_next(const struct rb_node *node)
{
	return neighbour((struct rb_node *)node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return neighbour((struct rb_node *)node, LEFT);
}

/* The black height of the subtree at node, whose parent should be parent,
 * or -1 if it breaks a rule. */
static int check_subtree(const struct rb_node *node,
			 const struct rb_node *parent)
{
	if (!node)
		return 0;
	/* Also catches stray bits above the colour bit. */
	if (rb_parent(node) != parent)
		return -1;
	if (is_red(node) && (is_red(node->left) || is_red(node->right)))
		return -1;				/* property 4 */
	int left = check_subtree(node->left, node);
	int right = check_subtree(node->right, node);
	if (left < 0 || left != right)
		return -1;				/* property 5 */
	return left + (rb_color(node) == RB_BLACK);
}

int rb_check(const struct rb_root *root)
{
	if (is_red(root->node))
		return -1;				/* property 2 */
	return check_subtree(root->node, NULL);
}
