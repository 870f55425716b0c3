/**
 * The words a customer uses to leave a waitlist. Kept apart from the waitlist's replies
 * (waitlist-replies.ts), which read the customer's context: the context reads these words.
 */

/** "ออกจากคิว", "leave the waitlist", "take me off the waitlist": read only when the customer waits in a line. */
export function saysLeaveWaitlist(text: string): boolean {
  return /ออกจาก\s*คิว|ยกเลิก\s*(?:การ)?(?:ลงชื่อ)?\s*รอคิว|ไม่\s*รอ\s*คิว\s*แล้ว|\bleave\s+(?:the\s+)?wait\s*-?\s*list|\b(?:take|remove)\s+me\s+(?:off|from)\s+(?:the\s+)?wait\s*-?\s*list/i.test(text);
}
