; kernel_setjmp/kernel_longjmp (include/setjmp.h). RFLAGS is saved too so
; a jump out of an interrupt handler (IF = 0) restores the caller's IF.

section .text
bits 64
global kernel_setjmp, kernel_longjmp

; int kernel_setjmp(struct jmp_buf *buf /* rdi */)
kernel_setjmp:
	mov [rdi + 0], rbx
	mov [rdi + 8], rbp
	mov [rdi + 16], r12
	mov [rdi + 24], r13
	mov [rdi + 32], r14
	mov [rdi + 40], r15
	lea rax, [rsp + 8]              ; the caller's rsp after our return
	mov [rdi + 48], rax
	mov rax, [rsp]                  ; return address
	mov [rdi + 56], rax
	pushfq
	pop qword [rdi + 64]
	xor eax, eax
	ret

; void kernel_longjmp(struct jmp_buf *buf /* rdi */, int value /* esi */)
kernel_longjmp:
	mov rbx, [rdi + 0]
	mov rbp, [rdi + 8]
	mov r12, [rdi + 16]
	mov r13, [rdi + 24]
	mov r14, [rdi + 32]
	mov r15, [rdi + 40]
	mov rsp, [rdi + 48]
	push qword [rdi + 64]
	popfq
	mov eax, esi
	test eax, eax
	jnz .nonzero
	inc eax                         ; setjmp must never appear to return 0 twice
.nonzero:
	jmp [rdi + 56]
