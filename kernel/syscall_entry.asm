; The system call entry (SDM 5.8.8, SYSCALL/SYSRET in 64-bit mode). The CPU
; puts the user RIP in RCX and RFLAGS in R11, loads CS/SS from STAR, clears
; the RFLAGS bits in FMASK (IF among them) and leaves RSP alone: we are on
; the user stack with the user's GS. swapgs gives us the per-CPU area, whose
; kernel_rsp is the top of this task's kernel stack. There we build the same
; struct trap_frame an interrupt from user mode makes, so fork, signals and
; exec treat both alike.

%include "kernel/percpu.inc"
%include "kernel/trap_frame.inc"

section .text
bits 64
global syscall_entry, trap_return_to_user
extern syscall_dispatch

USER_DS equ 0x18 | 3
USER_CS equ 0x20 | 3
SYSCALL_VECTOR equ 0x100          ; trap_frame.vector of a system call

syscall_entry:
	swapgs
	mov [gs:CPU_USER_RSP], rsp
	mov rsp, [gs:CPU_KERNEL_RSP]
	push USER_DS                    ; ss
	push qword [gs:CPU_USER_RSP]    ; rsp
	push r11                        ; rflags
	push USER_CS                    ; cs
	push rcx                        ; rip
	push rax                        ; error_code: the system call number
	push SYSCALL_VECTOR             ; vector
	PUSH_GENERAL_REGS
	xor ebp, ebp                    ; backtraces stop at the user boundary
	mov rdi, rsp
	sti                             ; system calls run with interrupts on
	call syscall_dispatch           ; also does signals and rescheduling
	cli

	; SYSRET is only safe with a canonical user RIP (on Intel a
	; non-canonical RCX faults in ring 0 with the user's RSP) and the
	; frame unchanged in CS/SS; and it loads RIP from RCX and RFLAGS from
	; R11, so a frame whose RCX/R11 must come back as they were (after
	; rt_sigreturn, say) leaves through IRETQ too.
	mov rcx, [rsp + 17 * 8]         ; rip
	mov rax, 0x00007ffffffff000
	cmp rcx, rax
	jae trap_return_to_user
	cmp rcx, [rsp + 12 * 8]         ; the saved rcx
	jne trap_return_to_user
	mov rax, [rsp + 19 * 8]         ; rflags
	cmp rax, [rsp + 4 * 8]          ; the saved r11
	jne trap_return_to_user
	cmp qword [rsp + 18 * 8], USER_CS
	jne trap_return_to_user
	cmp qword [rsp + 21 * 8], USER_DS
	jne trap_return_to_user
	mov r11, [rsp + 19 * 8]         ; rflags
	pop r15
	pop r14
	pop r13
	pop r12
	add rsp, 8                      ; r11 holds rflags
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	add rsp, 8                      ; rcx holds rip
	pop rbx
	pop rax
	mov rsp, [rsp + 5 * 8]          ; user rsp (past vector, error, rip, cs, rflags)
	swapgs
	o64 sysret

; Leave to user mode through IRETQ from a struct trap_frame at rsp: used
; by exec and fork's child for their first entry, and by system calls
; whose frame SYSRET cannot restore.
trap_return_to_user:
	POP_GENERAL_REGS
	add rsp, 16                     ; vector and error code
	swapgs
	iretq

; void enter_user_mode(void): leave for user mode through the struct
; trap_frame at the top of current's kernel stack (exec filled it in).
; Whatever the kernel had on this stack below the frame is abandoned.
global enter_user_mode
extern current_user_regs
enter_user_mode:
	call current_user_regs
	cli
	mov rsp, rax
	jmp trap_return_to_user
