#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

/* Linux x86-64 struct sysinfo: memory sizes are in units of mem_unit bytes. */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char __reserved[4];
};

int sysinfo(struct sysinfo *info);

#endif
