/*
 * Intrusive doubly linked lists, as in Linux: a struct list_head lives
 * inside the object, the list is a ring through a head that belongs to
 * nobody, and list_entry() gets back from a link to its object. An empty
 * list is a head that points at itself, so no operation needs a NULL test.
 */
#ifndef LIST_H
#define LIST_H

#include <stdbool.h>
#include <stddef.h>

/* The structure of type `type` whose member `member` is at ptr. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline void __list_add(struct list_head *entry, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

/* Insert after head: a stack (LIFO). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head, head->next);
}

/* Insert before head, i.e. at the end: a queue (FIFO). */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head->prev, head);
}

/* Unlink entry. Its pointers are cleared so that a second list_del, or a
 * walk from a deleted entry, faults at once instead of corrupting a list. */
static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = NULL;
	entry->prev = NULL;
}

/* Unlink entry and leave it an empty list of its own, so list_empty(entry)
 * tells whether it is on a list (wait queues use this). */
static inline void list_del_init(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = entry;
	entry->prev = entry;
}

/* Move entry from whatever list it is on to the front of head's. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	list_del(entry);
	list_add(entry, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* The first entry; the list must not be empty. */
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each_entry(pos, head, member)                              \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member);      \
	     &pos->member != (head);                                        \
	     pos = list_next_entry(pos, member))

/* As list_for_each_entry, but pos may be unlinked (or freed) in the body:
 * the next entry is fetched before the body runs. */
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)

#define list_for_each_entry_reverse(pos, head, member)                      \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member);      \
	     &pos->member != (head);                                        \
	     pos = list_prev_entry(pos, member))

#define list_for_each_entry_safe(pos, next, head, member)                   \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member),      \
	     next = list_next_entry(pos, member);                           \
	     &pos->member != (head);                                        \
	     pos = next, next = list_next_entry(next, member))

#endif /* LIST_H */
