import { describe, expect, it } from 'vitest';
import { afterCustomerMessage, botAnswers, IDLE_RETURN_HOURS, type InboxState } from './inbox-rules.ts';

/** Who answers a customer's message, from the conversation's inbox state alone (docs/inbox.md). */
const NOW = new Date('2026-11-25T10:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const state = (over: Partial<InboxState>): InboxState => ({
  status: 'bot',
  assigneeStaffId: null,
  version: 1,
  waitingSince: null,
  snoozedUntil: null,
  changedAt: null,
  staffRepliedAt: null,
  ...over,
});

describe('the inbox rules', () => {
  it('lets the bot answer when nobody holds the conversation, and not while a person does', () => {
    expect(botAnswers(undefined, NOW)).toBe(true);
    expect(botAnswers(state({ status: 'bot' }), NOW)).toBe(true);
    expect(botAnswers(state({ status: 'resolved', changedAt: hoursAgo(1) }), NOW)).toBe(true);
    expect(botAnswers(state({ status: 'waiting', changedAt: hoursAgo(1) }), NOW)).toBe(false);
    expect(botAnswers(state({ status: 'assigned', assigneeStaffId: 's-1', changedAt: hoursAgo(1) }), NOW)).toBe(false);
    expect(botAnswers(state({ status: 'snoozed', assigneeStaffId: 's-1', changedAt: hoursAgo(100) }), NOW)).toBe(false);
  });

  it(`gives the conversation back to the bot after ${IDLE_RETURN_HOURS} hours without a word or a change from staff`, () => {
    const idle = state({ status: 'assigned', assigneeStaffId: 's-1', changedAt: hoursAgo(30), staffRepliedAt: hoursAgo(IDLE_RETURN_HOURS) });
    expect(afterCustomerMessage(idle, NOW)).toBe('returned_to_bot');
    expect(botAnswers(idle, NOW)).toBe(true);
    const answeredLately = state({ status: 'assigned', assigneeStaffId: 's-1', changedAt: hoursAgo(30), staffRepliedAt: hoursAgo(2) });
    expect(afterCustomerMessage(answeredLately, NOW)).toBeUndefined();
    expect(afterCustomerMessage(state({ status: 'waiting', changedAt: hoursAgo(IDLE_RETURN_HOURS + 1) }), NOW)).toBe('returned_to_bot');
  });

  it('wakes a snoozed conversation on the customer\'s message, and leaves the others alone', () => {
    expect(afterCustomerMessage(state({ status: 'snoozed', assigneeStaffId: 's-1', changedAt: hoursAgo(1) }), NOW)).toBe('woke');
    expect(afterCustomerMessage(state({ status: 'bot' }), NOW)).toBeUndefined();
    expect(afterCustomerMessage(state({ status: 'resolved', changedAt: hoursAgo(100) }), NOW)).toBeUndefined();
  });
});
