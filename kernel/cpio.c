/*
 * The newc cpio reader of include/cpio.h. Every length in the archive is
 * checked against what is left before it is used, so a truncated or
 * corrupted archive is -EINVAL, never a read past its end.
 */
#include "cpio.h"
#include "string.h"
#include "uapi/errno.h"

#define CPIO_MAGIC      "070701"
#define CPIO_MAGIC_LEN  6
#define CPIO_FIELD_LEN  8
#define CPIO_HEADER_LEN 110     /* the magic and 13 fields */
#define CPIO_TRAILER    "TRAILER!!!"

/* Header fields, by their index after the magic. */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
       F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
       CPIO_NR_FIELDS };

void cpio_open(struct cpio_reader *reader, const void *archive, size_t size)
{
	reader->archive = archive;
	reader->size = size;
	reader->pos = 0;
}

/* Offsets are from the start of the archive, which newc keeps 4-aligned. */
static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Field number index of the header at hdr: 0 and *value, or -EINVAL. */
static int header_field(const unsigned char *hdr, unsigned index, uint32_t *value)
{
	const unsigned char *digits = hdr + CPIO_MAGIC_LEN + index * CPIO_FIELD_LEN;
	uint32_t v = 0;

	for (unsigned i = 0; i < CPIO_FIELD_LEN; i++) {
		int d = hex_digit(digits[i]);

		if (d < 0)
			return -EINVAL;
		v = v << 4 | (uint32_t)d;
	}
	*value = v;
	return 0;
}

int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry)
{
	const unsigned char *hdr = reader->archive + reader->pos;
	size_t left = reader->size - reader->pos;
	uint32_t field[CPIO_NR_FIELDS];

	if (left < CPIO_HEADER_LEN || memcmp(hdr, CPIO_MAGIC, CPIO_MAGIC_LEN) != 0)
		return -EINVAL;
	/* Every field must be hex, even those we do not use. */
	for (unsigned i = 0; i < CPIO_NR_FIELDS; i++)
		if (header_field(hdr, i, &field[i]) < 0)
			return -EINVAL;

	/* The name: namesize bytes, the last of them its only NUL. */
	const char *name = (const char *)hdr + CPIO_HEADER_LEN;
	size_t namesize = field[F_NAMESIZE];
	if (namesize == 0 || namesize > left - CPIO_HEADER_LEN ||
	    strnlen(name, namesize) != namesize - 1)
		return -EINVAL;
	if (strcmp(name, CPIO_TRAILER) == 0)
		return 0;

	/* The data, after the name's padding. */
	size_t data_off = align4(CPIO_HEADER_LEN + namesize);
	size_t filesize = field[F_FILESIZE];
	if (data_off > left || filesize > left - data_off)
		return -EINVAL;

	entry->name = name;
	entry->mode = field[F_MODE];
	entry->data = hdr + data_off;
	entry->size = filesize;
	/* Past the data's padding; at the very end of a truncated archive
	 * that padding may be missing, and the next call finds no header. */
	size_t next = align4(reader->pos + data_off + filesize);
	reader->pos = next < reader->size ? next : reader->size;
	return 1;
}
