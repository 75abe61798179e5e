; Entry stubs for all 256 vectors. Each stub makes the stack look the same
; (a dummy error code where the CPU pushes none, SDM 6.13), pushes its
; vector and jumps to trap_common, which saves the general registers as a
; struct trap_frame (include/trap.h) and calls trap_dispatch(frame).

%include "kernel/trap_frame.inc"

section .text
bits 64
extern trap_dispatch, smap_enabled
global trap_stubs

; Vectors for which the CPU pushes an error code (SDM table 6-1).
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

align 16
trap_stubs:
%assign v 0
%rep 256
	align 16
%if HAS_ERROR_CODE(v) == 0
	push 0
%endif
	push v
	jmp trap_common
%assign v v + 1
%endrep

trap_common:
	; From user mode (CS.RPL 3) GS holds the user's base: take the
	; kernel's (SDM 5.8.8, SWAPGS), and give it back on the way out.
	test qword [rsp + 3 * 8], 3     ; cs, above vector, error code, rip
	jz .from_kernel
	swapgs
.from_kernel:
	; An interrupt may arrive inside a user copy, with RFLAGS.AC set:
	; handlers run with it clear (SMAP on); IRETQ restores the saved one.
	cmp byte [smap_enabled], 0
	je .ac_clear
	clac
.ac_clear:
	PUSH_GENERAL_REGS
	mov rdi, rsp
	; Link the frame into the rbp chain so a backtrace from a handler
	; continues into the interrupted code.
	mov rbp, [rsp + 17 * 8]         ; interrupted rip -> fake frame below
	push rbp
	push qword [rsp + 9 * 8]        ; interrupted rbp (saved above)
	mov rbp, rsp
	cld
	call trap_dispatch
	add rsp, 16
	POP_GENERAL_REGS
	add rsp, 16                     ; vector and error code
	test qword [rsp + 8], 3         ; cs
	jz .to_kernel
	swapgs
.to_kernel:
	iretq
