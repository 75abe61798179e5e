/* The harness itself: two trivial cases that must pass everywhere. */
#include <unistd.h>

#include "harness.h"

TEST(arithmetic)
{
	EXPECT_EQ(2 + 2, 4);
	EXPECT_NE(getpid(), 0);
	EXPECT_STREQ("abc", "abc");
}

TEST(bad_fd_is_ebadf)
{
	char c;

	ASSERT_ERRNO(read(-1, &c, 1), EBADF);
	EXPECT_TRUE(close(-1) == -1 && errno == EBADF);
}

int main(void)
{
	return run_tests();
}
