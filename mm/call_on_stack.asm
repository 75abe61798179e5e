; void call_on_stack(uint64_t top /* rdi */, void (*fn)(void) /* rsi */)
; Leaves the current stack for good: kmain uses it to move off the boot
; stack (in .bss, unguarded) onto a guarded kernel stack.

section .text
bits 64
global call_on_stack

call_on_stack:
	mov rsp, rdi
	xor ebp, ebp                    ; a new frame-pointer chain starts here
	call rsi
	ud2                             ; fn must not return
