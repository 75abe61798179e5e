; 32-bit entry from GRUB (multiboot2 spec 3.3: EAX = magic, EBX = physical
; address of the boot information, protected mode, paging off, interrupts
; off, no valid stack). Checks that we were loaded by multiboot2 and that
; the CPU has long mode, builds the early page tables, enters long mode and
; jumps to kmain(mb2_info_phys) in the higher half.

%include "boot/layout.inc"

MB2_BOOTLOADER_MAGIC equ 0x36d76289

CR0_PG    equ 1 << 31
CR0_WP    equ 1 << 16
CR4_PAE   equ 1 << 5
MSR_EFER  equ 0xc0000080
EFER_LME  equ 1 << 8
EFER_NXE  equ 1 << 11

PTE_P     equ 1 << 0
PTE_W     equ 1 << 1
PTE_PS    equ 1 << 7            ; SDM 4.5: a PDE with PS maps a 2 MiB page

COM1      equ 0x3f8
VGA_TEXT  equ 0xb8000

extern kmain
extern __bss_start, __bss_end
global _start
global boot_pml4, boot_cpu_has_nx, boot_stack_top

section .boot.text
bits 32
_start:
	cli
	cld
	mov edi, ebx                    ; keep the info pointer: cpuid clobbers ebx

	cmp eax, MB2_BOOTLOADER_MAGIC
	jne .no_multiboot

	; Clear .bss before anything (the stack and page tables) lives in it.
	; Everything past this point addresses high-half symbols by their
	; physical address (symbol - KERNEL_VMA): paging is still off.
	mov ebp, edi
	mov edi, __bss_start - KERNEL_VMA
	mov ecx, __bss_end - KERNEL_VMA
	sub ecx, edi
	shr ecx, 2
	xor eax, eax
	rep stosd
	mov edi, ebp
	mov esp, boot_stack_top - KERNEL_VMA

	; CPUID itself exists if EFLAGS.ID (bit 21) can be toggled.
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_long_mode

	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29               ; CPUID.80000001H:EDX.LM
	jz .no_long_mode
	and edx, 1 << 20                ; CPUID.80000001H:EDX.NX
	mov [boot_cpu_has_nx - KERNEL_VMA], edx

	call build_page_tables

	mov eax, boot_pml4 - KERNEL_VMA
	mov cr3, eax
	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	cmp dword [boot_cpu_has_nx - KERNEL_VMA], 0
	je .no_nx
	or eax, EFER_NXE                ; setting NXE without NX support is #GP
.no_nx:
	wrmsr
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax                    ; SDM 9.8.5: PG with LME set activates IA-32e

	lgdt [boot_gdt_pointer]
	jmp BOOT_CS:long_mode_entry

.no_multiboot:
	mov esi, msg_no_multiboot
	jmp boot_fail
.no_long_mode:
	mov esi, msg_no_long_mode
	jmp boot_fail

; Map, with 2 MiB pages:
;   identity       0 .. 1 GiB  (so the code running now survives CR0.PG)
;   KERNEL_VMA   + 0 .. 1 GiB  (the kernel image)
;   DIRECT_MAP   + 0 .. 4 GiB  (RAM, ACPI tables and the APICs until
;                               mm/paging.c builds the real direct map)
build_page_tables:
	mov eax, boot_pdpt_low - KERNEL_VMA
	or eax, PTE_P | PTE_W
	mov [boot_pml4 - KERNEL_VMA], eax
	mov eax, boot_pdpt_high - KERNEL_VMA
	or eax, PTE_P | PTE_W
	mov [boot_pml4 - KERNEL_VMA + 511 * 8], eax
	mov eax, boot_pdpt_direct - KERNEL_VMA
	or eax, PTE_P | PTE_W
	mov [boot_pml4 - KERNEL_VMA + 256 * 8], eax

	; The first PD (0..1 GiB) serves all three windows.
	mov eax, boot_pd - KERNEL_VMA
	or eax, PTE_P | PTE_W
	mov [boot_pdpt_low - KERNEL_VMA], eax
	mov [boot_pdpt_high - KERNEL_VMA + 510 * 8], eax

	; Direct map: four PDs, 2048 consecutive 2 MiB pages.
	mov ecx, 0
.pdpt_direct:
	mov eax, ecx
	shl eax, 12
	add eax, boot_pd - KERNEL_VMA
	or eax, PTE_P | PTE_W
	mov [boot_pdpt_direct - KERNEL_VMA + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jne .pdpt_direct

	mov ecx, 0
.pd:
	mov eax, ecx
	shl eax, 21
	or eax, PTE_P | PTE_W | PTE_PS
	mov [boot_pd - KERNEL_VMA + ecx * 8], eax
	mov eax, ecx
	shr eax, 11                     ; bits 32+ of the 2 MiB frame address
	mov [boot_pd - KERNEL_VMA + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jne .pd
	ret

; Print the NUL-terminated message at esi on COM1 and the VGA text screen,
; then halt for good. Used before there is any C to do it.
boot_fail:
	mov dx, COM1 + 1
	xor al, al
	out dx, al                      ; no UART interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al                      ; DLAB on
	mov dx, COM1
	mov al, 1
	out dx, al                      ; divisor 1: 115200 baud
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03
	out dx, al                      ; 8N1, DLAB off
	mov edi, VGA_TEXT
.next:
	lodsb
	test al, al
	jz .halt
	mov ah, 0x4f                    ; white on red
	mov [edi], ax
	add edi, 2
	mov bl, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20                   ; LSR.THRE: transmitter ready
	jz .wait
	mov dx, COM1
	mov al, bl
	out dx, al
	jmp .next
.halt:
	cli
	hlt
	jmp .halt

bits 64
long_mode_entry:
	mov ax, BOOT_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, .high
	jmp rax
.high:
	mov rsp, boot_stack_top
	xor ebp, ebp                    ; end of the frame-pointer chain
	mov edi, edi                    ; kmain(mb2_info_phys), zero-extended
	push 0                          ; a null return address ends gdb's unwinding
	jmp kmain                       ; kmain never returns

section .boot.rodata
align 8
boot_gdt:
	dq 0
	dq 0x00209a0000000000           ; 0x08: 64-bit code, DPL 0 (SDM 3.4.5: L=1)
	dq 0x0000920000000000           ; 0x10: data
boot_gdt_end:
BOOT_CS equ 0x08
BOOT_DS equ 0x10
boot_gdt_pointer:
	dw boot_gdt_end - boot_gdt - 1
	dd boot_gdt

msg_no_multiboot:
	db "boot: not loaded by a multiboot2 boot loader (bad magic in EAX); halting", 0
msg_no_long_mode:
	db "boot: this CPU has no long mode (64-bit); halting", 0

section .bss
alignb 4096
boot_pml4:        resb 4096
boot_pdpt_low:    resb 4096
boot_pdpt_high:   resb 4096
boot_pdpt_direct: resb 4096
boot_pd:          resb 4096 * 4
boot_cpu_has_nx:  resd 1
alignb 16
boot_stack:       resb 16384       ; kmain's stack until the scheduler exists
boot_stack_top:
