; The context switch. switch_to(prev, next) saves the callee-saved
; registers (System V ABI: rbx, rbp, r12-r15) on prev's kernel stack, stores
; the stack pointer in prev->saved_rsp (offset 0 of struct task), loads
; next's, and returns on next's stack into wherever next last called
; switch_to - or, for a new task, into task_start (sched/task.c sets up
; that first frame). Everything else the caller already assumes clobbered.

section .text
bits 64
global switch_to, task_start
extern task_entry

; struct task *switch_to(struct task *prev /* rdi */, struct task *next /* rsi */)
switch_to:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, [rsi]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdi                    ; the task we came from
	ret

; A new task's first return lands here with the task in rbx and the
; previous one in rdi: task_entry(task, prev).
task_start:
	mov rsi, rdi
	mov rdi, rbx
	xor ebp, ebp                    ; the task's frame chain starts here
	call task_entry                 ; never returns
	ud2

; A forked child's first return from switch_to lands here, with the task
; it replaced in rdi and its user registers (a struct trap_frame) right
; above on the stack: finish the switch, then leave for user mode.
global fork_child_start
extern fork_child_entry, trap_return_to_user
fork_child_start:
	call fork_child_entry
	jmp trap_return_to_user
