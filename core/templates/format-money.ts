/**
 * An amount as staff and customers read it: "1,500.00 THB". One way everywhere (cards, alerts,
 * handoffs, case summaries), so an amount reads the same wherever it is quoted. Something that is
 * not a number shows as it was given, or "-" when there is nothing.
 */
export function formatMoney(amount: unknown, currency: unknown = 'THB'): string {
  if (amount === null || amount === undefined || amount === '') return '-';
  const n = Number(amount);
  const text = Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(amount);
  return `${text} ${currency ?? ''}`.trim();
}
