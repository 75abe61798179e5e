; The multiboot2 header (multiboot2 spec 1.0, section 3.1). GRUB looks for
; it in the first 32 KiB of the image, 64-bit aligned; linker.ld puts this
; section first.

MB2_HEADER_MAGIC  equ 0xe85250d6
MB2_ARCH_I386     equ 0          ; 32-bit protected mode entry
MB2_TAG_END       equ 0

section .multiboot2 align=8
header_start:
	dd MB2_HEADER_MAGIC
	dd MB2_ARCH_I386
	dd header_end - header_start
	; The four fields must sum to zero modulo 2^32.
	dd -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (header_end - header_start))
	; No optional tags: GRUB keeps the VGA text mode and loads the ELF by
	; its program headers.
	align 8
	dw MB2_TAG_END
	dw 0
	dd 8
header_end:
