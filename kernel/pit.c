/*
 * 8254 PIT channel 2 as a one-shot stopwatch (8254 datasheet, mode 0).
 *
 * Channel 2 is the one whose gate software controls and whose output
 * software can read, both through port 0x61 (the PC speaker port); its
 * output does not raise an interrupt, so no IRQ is involved. In mode 0,
 * "interrupt on terminal count", OUT goes low when the mode is written and
 * high once the count written afterwards has run down to 0.
 */
#include "panic.h"
#include "pit.h"
#include "x86.h"

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PC_SPEAKER	0x61

/* 8254 control word: channel 2, low then high byte, mode 0, binary. */
#define PIT_CMD_CH2_MODE0	0xb0

#define SPEAKER_GATE2	(1u << 0)	/* gate of channel 2: counts when 1 */
#define SPEAKER_DATA	(1u << 1)	/* channel 2 drives the speaker: keep 0 */
#define SPEAKER_OUT2	(1u << 5)	/* channel 2's output, read only */

void pit_wait_start(uint16_t ticks)
{
	uint8_t port = inb(PC_SPEAKER);

	BUG_ON(ticks == 0);
	/* Gate on, speaker off: the count starts when its high byte lands. */
	outb(PC_SPEAKER, (port & ~SPEAKER_DATA) | SPEAKER_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2, ticks & 0xff);
	outb(PIT_CH2, ticks >> 8);
}

bool pit_wait_done(void)
{
	return inb(PC_SPEAKER) & SPEAKER_OUT2;
}
