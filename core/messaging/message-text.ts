import type { OutboundMessage } from './outbound-message.ts';

/**
 * What the message says, as text, for channels without cards or buttons (e-mail, SMS): a card's
 * title, fields and body; an image's link; quick replies as the answers one can write back
 * (unless `answers: false`).
 */
export function messageAsText(m: OutboundMessage, o: { answers?: boolean } = {}): string {
  const lines: string[] = [];
  if (m.kind === 'text') lines.push(m.text);
  else if (m.kind === 'image') lines.push(m.url);
  else {
    lines.push(m.card.title);
    if (m.card.subtitle) lines.push(m.card.subtitle);
    for (const f of m.card.fields) lines.push(`• ${f.label}: ${f.value}`);
    if (m.card.body) lines.push(m.card.body);
    for (const a of m.card.actions) if (a.type === 'uri') lines.push(`${a.label}: ${a.uri}`);
  }
  if (m.document) lines.push(m.document.url);
  const answers = o.answers === false ? [] : (m.quickReplies ?? []).filter((q) => q.type === 'message').map((q) => q.text);
  if (answers.length) lines.push('', answers.map((a) => `» ${a}`).join('\n'));
  return lines.join('\n');
}
