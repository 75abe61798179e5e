/*
 * getopt (POSIX): short options, clustered ("-ab"), arguments attached
 * ("-ofile") or separate ("-o file"), "--" ending the options.  Scanning
 * stops at the first argument that is not an option.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

/* The next option character within argv[optind]; 0 at a new element. */
static int optpos;

int getopt(int argc, char *const argv[], const char *optstring)
{
	/* A leading ':' asks for ':' on a missing argument, and silence. */
	int quiet = optstring[0] == ':';
	const char *arg, *spec;
	int c;

	/* Setting optind to 0 restarts the scan (glibc and musl agree). */
	if (optind == 0) {
		optind = 1;
		optpos = 0;
	}
	if (optpos == 0) {
		arg = optind < argc ? argv[optind] : NULL;
		if (!arg || arg[0] != '-' || arg[1] == '\0')
			return -1;
		if (strcmp(arg, "--") == 0) {
			optind++;
			return -1;
		}
		optpos = 1;
	}

	arg = argv[optind];
	c = (unsigned char)arg[optpos++];
	/* Step to the next element once this one is used up. */
	if (arg[optpos] == '\0') {
		optind++;
		optpos = 0;
	}
	spec = c == ':' ? NULL : strchr(optstring, c);
	if (!spec) {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: unrecognized option: -%c\n",
				argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;

	/* The argument: the rest of this element, or the next element. */
	if (optpos != 0) {
		optarg = (char *)arg + optpos;
		optind++;
		optpos = 0;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		optopt = c;
		if (quiet)
			return ':';
		if (opterr)
			fprintf(stderr, "%s: option requires an argument: -%c\n",
				argv[0], c);
		return '?';
	}
	return c;
}
