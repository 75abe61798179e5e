/*
 * kernel/cpio.c on archives written here byte by byte from the newc format
 * (Linux's Documentation/driver-api/early-userspace/buffer-format.rst),
 * on every truncation and on corruptions of each part of a header, and on
 * an archive made by the real tools/mkinitrd. Each archive is parsed from
 * a malloc'ed copy of exactly its size, so that ASan reports any read past
 * the end.
 *
 * Kernel sources: kernel/cpio.c kernel/string.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cpio.h"
#include "uapi/errno.h"

#define HEADER_LEN 110
#define FIELD(i) (6 + 8 * (i))          /* offset of header field i */
#define FIELD_FILESIZE FIELD(6)
#define FIELD_NAMESIZE FIELD(11)

static unsigned char archive[64 * 1024];
static size_t used;
/* Offsets in sample_archive() of the second entry and of the trailer. */
static size_t second, trailer;

static void pad4(void)
{
	while (used % 4)
		archive[used++] = 0;
}

/* Append an entry as mkinitrd would write it; returns its offset. */
static size_t put_entry(const char *name, uint32_t mode, const void *data, size_t size)
{
	size_t start = used;
	uint32_t fields[13] = { 1, mode, 0, 0, 1, 0, (uint32_t)size, 0, 0, 0, 0,
				(uint32_t)strlen(name) + 1, 0 };

	memcpy(archive + used, "070701", 6);
	used += 6;
	for (int i = 0; i < 13; i++) {
		char hex[9];

		snprintf(hex, sizeof(hex), "%08x", fields[i]);
		memcpy(archive + used, hex, 8);
		used += 8;
	}
	memcpy(archive + used, name, strlen(name) + 1);
	used += strlen(name) + 1;
	pad4();
	memcpy(archive + used, data, size);
	used += size;
	pad4();
	return start;
}

static size_t put_trailer(void)
{
	return put_entry("TRAILER!!!", 0, "", 0);
}

static const char hello[] = "hello, world\n";

/* "bin" (a directory), "bin/hello", "empty", then the trailer. */
static void sample_archive(void)
{
	used = 0;
	put_entry("bin", 0040755, "", 0);
	second = put_entry("bin/hello", 0100755, hello, sizeof(hello) - 1);
	put_entry("empty", 0100644, "", 0);
	trailer = put_trailer();
}

/*
 * Parse the first len bytes of archive from an exact-size copy. Returns
 * what the last cpio_next() said (0 at the trailer, -EINVAL) and counts
 * the entries before it.
 */
static int parse(size_t len, unsigned *entries)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct cpio_reader reader;
	struct cpio_entry entry;
	int ret;

	memcpy(copy, archive, len);
	cpio_open(&reader, copy, len);
	*entries = 0;
	while ((ret = cpio_next(&reader, &entry)) == 1) {
		/* Everything an entry points at lies inside the copy. */
		CHECK((const unsigned char *)entry.name >= copy &&
		      (const unsigned char *)entry.name + strlen(entry.name) < copy + len);
		CHECK((const unsigned char *)entry.data >= copy &&
		      (const unsigned char *)entry.data + entry.size <= copy + len);
		(*entries)++;
	}
	free(copy);
	return ret;
}

static void entries_of_a_handmade_archive(void)
{
	struct cpio_reader reader;
	struct cpio_entry e;

	sample_archive();
	cpio_open(&reader, archive, used);
	CHECK_EQ_INT(cpio_next(&reader, &e), 1);
	CHECK_EQ_STR(e.name, "bin");
	CHECK_EQ_INT(e.mode, 0040755);
	CHECK_EQ_INT(e.size, 0);

	CHECK_EQ_INT(cpio_next(&reader, &e), 1);
	CHECK_EQ_STR(e.name, "bin/hello");
	CHECK_EQ_INT(e.mode, 0100755);
	CHECK_EQ_INT(e.size, sizeof(hello) - 1);
	CHECK(memcmp(e.data, hello, e.size) == 0);
	/* "bin" took 110 + 4 bytes, padded to 116; the data follows the
	 * header and the name, 110 + 10 bytes, already a multiple of 4. */
	CHECK_EQ_INT(second, 116);
	CHECK_EQ_INT((const unsigned char *)e.data - archive, second + 120);

	CHECK_EQ_INT(cpio_next(&reader, &e), 1);
	CHECK_EQ_STR(e.name, "empty");
	CHECK_EQ_INT(e.size, 0);

	CHECK_EQ_INT(cpio_next(&reader, &e), 0);
	/* The trailer stays the end. */
	CHECK_EQ_INT(cpio_next(&reader, &e), 0);
}

static void uppercase_hex_and_data_after_the_trailer(void)
{
	unsigned n;

	sample_archive();
	memcpy(archive + FIELD(1), "000041ED", 8);    /* 040755 */
	/* Writers pad the archive (GNU cpio to 512 bytes): ignored. */
	memset(archive + used, 0, 300);
	used += 300;
	CHECK_EQ_INT(parse(used, &n), 0);
	CHECK_EQ_INT(n, 3);
}

/* Cut anywhere before the trailer's NUL, an archive is -EINVAL; only the
 * trailer's padding may be missing. */
static void every_truncation_is_einval(void)
{
	sample_archive();
	size_t full = used, complete = trailer + HEADER_LEN + sizeof("TRAILER!!!");

	for (size_t len = 0; len < full; len++) {
		unsigned n;

		if (!CHECK_EQ_INT(parse(len, &n), len < complete ? -EINVAL : 0))
			printf("    # truncated to %zu of %zu bytes\n", len, full);
	}
}

/* Each damaged copy of the sample must fail, after the entries before
 * the damaged one. */
static void expect_einval_after(unsigned entries_before)
{
	unsigned n;

	CHECK_EQ_INT(parse(used, &n), -EINVAL);
	CHECK_EQ_INT(n, entries_before);
}

static void bad_magic(void)
{
	static const char *const magics[] = { "070702", "070700", "07070 ", "170701" };

	for (size_t i = 0; i < ARRAY_SIZE(magics); i++) {
		sample_archive();
		memcpy(archive, magics[i], 6);
		expect_einval_after(0);
	}
}

static void non_hex_digit_in_each_field(void)
{
	static const char bad[] = { 'g', 'G', ' ', 'x', '\0', '-' };

	for (int field = 0; field < 13; field++) {
		for (size_t i = 0; i < sizeof(bad); i++) {
			sample_archive();
			/* In the second entry, "bin/hello". */
			archive[second + FIELD(field) + field % 8] = (unsigned char)bad[i];
			expect_einval_after(1);
		}
	}
}

static void bad_names(void)
{
	size_t last;

	/* namesize 0: not even the NUL. */
	sample_archive();
	memcpy(archive + second + FIELD_NAMESIZE, "00000000", 8);
	expect_einval_after(1);

	/* namesize past the end of the archive. */
	sample_archive();
	memcpy(archive + second + FIELD_NAMESIZE, "ffffffff", 8);
	expect_einval_after(1);

	/* The NUL missing: the name's last byte is a letter. */
	sample_archive();
	archive[second + HEADER_LEN + 9] = 'x';
	expect_einval_after(1);

	/* A NUL inside the name ("bin" then "hello"). */
	sample_archive();
	archive[second + HEADER_LEN + 3] = '\0';
	expect_einval_after(1);

	/* The name's last byte is the archive's last: no room for its NUL. */
	used = 0;
	put_entry("bin", 0040755, "", 0);
	last = put_entry("abc", 0100644, "", 0);
	used = last + HEADER_LEN + 3;
	expect_einval_after(1);
}

static void data_past_the_end(void)
{
	/* The largest size. */
	sample_archive();
	memcpy(archive + second + FIELD_FILESIZE, "ffffffff", 8);
	expect_einval_after(1);

	/* One byte more than the archive holds. */
	used = 0;
	put_entry("f", 0100644, hello, 12);
	memcpy(archive + FIELD_FILESIZE, "0000000d", 8);
	expect_einval_after(0);

	/* The data runs exactly to the end, with no trailer after it. */
	used = 0;
	put_entry("f", 0100644, hello, 12);
	expect_einval_after(1);
}

static void no_trailer(void)
{
	unsigned n;

	used = 0;
	CHECK_EQ_INT(parse(0, &n), -EINVAL);
	put_entry("bin", 0040755, "", 0);
	CHECK_EQ_INT(parse(used, &n), -EINVAL);
	CHECK_EQ_INT(n, 1);
	/* Zeroes where the next header belongs. */
	memset(archive + used, 0, 512);
	used += 512;
	expect_einval_after(1);
}

/* ------------------------------------------------- tools/mkinitrd's output */

static char tmpdir[] = "/tmp/test_cpio.XXXXXX";

static void write_file(const char *name, const void *data, size_t size, int mode)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	fwrite(data, 1, size, f);
	fclose(f);
	chmod(path, mode);
}

/* Read all of cmd's standard output into archive; used is its length. */
static bool run_into_archive(const char *cmd)
{
	FILE *p = popen(cmd, "r");

	if (!CHECK(p != NULL))
		return false;
	used = fread(archive, 1, sizeof(archive), p);
	return CHECK_EQ_INT(pclose(p), 0);
}

static void archive_from_mkinitrd(void)
{
	static unsigned char big[5000];
	char cmd[1024];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 + 1);
	if (!CHECK(mkdtemp(tmpdir) != NULL))
		return;
	write_file("init", hello, sizeof(hello) - 1, 0755);
	write_file("big", big, sizeof(big), 0644);
	write_file("empty", "", 0, 0644);
	snprintf(cmd, sizeof(cmd),
		 "tools/mkinitrd /dev/stdout bin/init=%1$s/init "
		 "usr/share/big=%1$s/big empty=%1$s/empty", tmpdir);
	bool ran = run_into_archive(cmd);
	snprintf(cmd, sizeof(cmd), "rm -r %s", tmpdir);
	CHECK_EQ_INT(system(cmd), 0);
	if (!ran)
		return;

	/* What mkinitrd promises: the directories first, its own modes. */
	static const struct {
		const char *name;
		uint32_t mode;
		const void *data;
		size_t size;
	} want[] = {
		{ "bin", 0040755, "", 0 },
		{ "bin/init", 0100755, hello, sizeof(hello) - 1 },
		{ "usr", 0040755, "", 0 },
		{ "usr/share", 0040755, "", 0 },
		{ "usr/share/big", 0100644, big, sizeof(big) },
		{ "empty", 0100644, "", 0 },
	};
	unsigned char *copy = malloc(used);
	struct cpio_reader reader;
	struct cpio_entry e;

	memcpy(copy, archive, used);
	cpio_open(&reader, copy, used);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		if (!CHECK_EQ_INT(cpio_next(&reader, &e), 1))
			break;
		CHECK_EQ_STR(e.name, want[i].name);
		CHECK_EQ_INT(e.mode, want[i].mode);
		CHECK_EQ_INT(e.size, want[i].size);
		CHECK(memcmp(e.data, want[i].data, e.size) == 0);
	}
	CHECK_EQ_INT(cpio_next(&reader, &e), 0);
	free(copy);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(entries_of_a_handmade_archive),
		TEST(uppercase_hex_and_data_after_the_trailer),
		TEST(every_truncation_is_einval),
		TEST(bad_magic),
		TEST(non_hex_digit_in_each_field),
		TEST(bad_names),
		TEST(data_past_the_end),
		TEST(no_trailer),
		TEST(archive_from_mkinitrd),
	};

	return run_tests("cpio", cases, ARRAY_SIZE(cases));
}
