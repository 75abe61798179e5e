; The instructions that touch user memory for the kernel (include/uaccess.h).
; Each may fault on a bad user address; its exception-table entry tells the
; page-fault handler where to resume: a fixup that reports the failure.

section .text
bits 64
global copy_user_generic, copy_user_string, clear_user_generic

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
.copy:
	rep movsb
	xor eax, eax
	ret
.fault:
	mov rax, rcx
	ret
	EXTABLE .copy, .fault

; uint64_t clear_user_generic(void *dst, uint64_t n): bytes NOT zeroed.
clear_user_generic:
	mov rcx, rsi
	xor eax, eax
.clear:
	rep stosb
	ret
.fault:
	mov rax, rcx
	ret
	EXTABLE .clear, .fault

; int64_t copy_user_string(char *dst, const char *src, uint64_t max)
; Copies up to and including the NUL: returns the length without it,
; max when no NUL came within max bytes, or -1 on a fault.
copy_user_string:
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
	ret
.fault:
	mov rax, -1
	ret
	EXTABLE .load, .fault
