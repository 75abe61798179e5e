; The instructions that touch user memory for the kernel (include/uaccess.h).
; Each may fault on a bad user address; its exception-table entry tells the
; page-fault handler where to resume: a fixup that reports the failure.

section .text
bits 64
global copy_user_generic, copy_user_string, clear_user_generic
extern smap_enabled

; With SMAP on (mm/paging.c sets CR4.SMAP when CPUID has it) the kernel
; may touch user pages only with RFLAGS.AC set (SDM 4.6.1): STAC before the
; access, CLAC after. STAC/CLAC are #UD on a CPU without SMAP, hence the
; flag test.
%macro USER_ACCESS_BEGIN 0
	cmp byte [smap_enabled], 0
	je %%done
	stac
%%done:
%endmacro

%macro USER_ACCESS_END 0
	cmp byte [smap_enabled], 0
	je %%done
	clac
%%done:
%endmacro

%macro EXTABLE 2                        ; faulting instruction, fixup
	section .ex_table progbits alloc noexec nowrite align=8
	dq %1, %2
	section .text
%endmacro

; uint64_t copy_user_generic(void *dst, const void *src, uint64_t n)
; Returns the number of bytes NOT copied: 0 on success. REP MOVSB keeps
; RCX current when it faults part-way (SDM, REP prefix), so rcx is that.
copy_user_generic:
	mov rcx, rdx
	USER_ACCESS_BEGIN
.copy:
	rep movsb
	xor eax, eax
	USER_ACCESS_END
	ret
.fault:
	mov rax, rcx
	USER_ACCESS_END
	ret
	EXTABLE .copy, .fault

; uint64_t clear_user_generic(void *dst, uint64_t n): bytes NOT zeroed.
clear_user_generic:
	mov rcx, rsi
	USER_ACCESS_BEGIN
	xor eax, eax
.clear:
	rep stosb
	USER_ACCESS_END
	ret
.fault:
	mov rax, rcx
	USER_ACCESS_END
	ret
	EXTABLE .clear, .fault

; int64_t copy_user_string(char *dst, const char *src, uint64_t max)
; Copies up to and including the NUL: returns the length without it,
; max when no NUL came within max bytes, or -1 on a fault.
copy_user_string:
	USER_ACCESS_BEGIN
	xor eax, eax
.next:
	cmp rax, rdx
	jae .done
.load:
	mov cl, [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz .done
	inc rax
	jmp .next
.done:
	USER_ACCESS_END
	ret
.fault:
	mov rax, -1
	USER_ACCESS_END
	ret
	EXTABLE .load, .fault
